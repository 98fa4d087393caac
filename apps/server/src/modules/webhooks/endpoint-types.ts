import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';

/** How long another API process may go on using what it read before it reads again. */
export const CACHE_TTL_MS = 30_000;

type Entry = { types: ReadonlySet<string>; until: number };

/**
 * The event types each tenant's active endpoints subscribe to, per process. Recording an event
 * asks this before enqueueing anything, so a business without a matching endpoint costs no job
 * and no query per event: one read per tenant per 30 s at most. A change made in this process
 * applies at once; in another process within the TTL (docs/webhooks.md).
 */
export class EndpointTypes {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget(): a read that began before a change does not overwrite it. */
  private readonly generations = new Map<string, number>();

  async has(tx: Tx, tenantId: string, type: string): Promise<boolean> {
    const hit = this.entries.get(tenantId);
    if (hit && hit.until > performance.now()) return hit.types.has(type);
    const generation = this.generations.get(tenantId) ?? 0;
    const rows = await sql<{ type: string }>`
      SELECT DISTINCT unnest(event_types) AS type FROM webhook_endpoints
       WHERE tenant_id = ${tenantId} AND active`.execute(tx);
    const types = new Set(rows.rows.map((r) => r.type));
    if ((this.generations.get(tenantId) ?? 0) === generation)
      this.entries.set(tenantId, { types, until: performance.now() + CACHE_TTL_MS });
    return types.has(type);
  }

  /** Call after a change to the tenant's endpoints has committed. */
  forget(tenantId: string): void {
    this.entries.delete(tenantId);
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }
}

const caches = new WeakMap<AppContext, EndpointTypes>();

/** The cache of one application (each test app has its own). */
export function endpointTypes(ctx: AppContext): EndpointTypes {
  let c = caches.get(ctx);
  if (!c) {
    c = new EndpointTypes();
    caches.set(ctx, c);
  }
  return c;
}
