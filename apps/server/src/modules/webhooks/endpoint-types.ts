import pg from 'pg';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';

/** How long a process trusts what it read, in case a change notice was missed (line down). */
export const CACHE_TTL_MS = 30_000;
/** The NOTIFY channel of endpoint changes; its payload is a tenant id, nothing else. */
export const CHANGES_CHANNEL = 'webhook_endpoints';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Entry = { types: ReadonlySet<string>; until: number };

/**
 * The event types each tenant's active endpoints subscribe to, per process. Recording an event
 * asks this before enqueueing anything, so a business without a matching endpoint costs no job
 * and no query per event: one read per tenant per 30 s at most. A change is announced with
 * NOTIFY on commit and every process listening drops that tenant's entry; the TTL covers a
 * notice missed while the listening connection was down.
 */
export class EndpointTypes {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget(): a read that began before a change does not overwrite it. */
  private readonly generations = new Map<string, number>();
  private client: pg.Client | null = null;
  private closed = false;
  /** After a lost line, when to try listening again (not once per event while it is down). */
  private retryAt = 0;

  constructor(private readonly ownerUrl: string | null) {}

  async has(tx: Tx, tenantId: string, type: string): Promise<boolean> {
    this.listen();
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

  /** Drops what is known of a tenant (its endpoints changed). */
  forget(tenantId: string): void {
    this.entries.delete(tenantId);
    this.generations.set(tenantId, (this.generations.get(tenantId) ?? 0) + 1);
  }

  /** Starts listening for changes made by other processes, once, without waiting for it. */
  private listen(): void {
    if (this.client || this.closed || !this.ownerUrl || performance.now() < this.retryAt) return;
    const client = new pg.Client({
      connectionString: this.ownerUrl,
      application_name: 'regulars-webhooks',
    });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel === CHANGES_CHANNEL && msg.payload && UUID.test(msg.payload))
        this.forget(msg.payload);
    });
    const lost = () => {
      if (this.client !== client) return;
      this.client = null; // a lookup 5 s from now listens again; the TTL covers the gap
      this.retryAt = performance.now() + 5_000;
      this.entries.clear();
    };
    client.on('error', lost);
    client.on('end', lost);
    client
      .connect()
      .then(() => {
        // Never what keeps a worker process alive.
        (
          client as unknown as { connection: { stream: { unref(): void } } }
        ).connection.stream.unref();
        return client.query(`LISTEN ${CHANGES_CHANNEL}`);
      })
      .catch(lost);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

const caches = new WeakMap<AppContext, EndpointTypes>();

/** The cache of one application (each test app has its own). */
export function endpointTypes(ctx: AppContext): EndpointTypes {
  let c = caches.get(ctx);
  if (!c) {
    c = new EndpointTypes(ctx.db.ownerUrl ?? null);
    caches.set(ctx, c);
  }
  return c;
}

/** Tells every process, on commit, that this tenant's endpoints changed. */
export async function announceChange(tx: Tx, tenantId: string): Promise<void> {
  await sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${tenantId})`.execute(tx);
}
