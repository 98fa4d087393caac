import { randomBytes, randomUUID } from 'node:crypto';
import type {
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
} from '@regulars/contracts';
import type { Tx, WebhookEndpointsTable } from '@regulars/db';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { versionedResult } from '../../platform/versioned';
import { announceChange, endpointTypes } from './endpoint-types';
import { checkEndpointUrl } from './url-policy';

type Row = Selectable<WebhookEndpointsTable>;

export const toEndpoint = (r: Row): WebhookEndpoint => ({
  endpointId: r.endpoint_id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types as WebhookEndpoint['eventTypes'],
  active: r.active,
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** A new signing secret: 256 random bits, shown to staff once. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** What the audit log keeps of an endpoint: never its secret. */
const audited = (e: WebhookEndpoint) => ({
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  active: e.active,
});

/** Runs a change to the tenant's endpoints; every process's cache drops the tenant on commit. */
async function changing<T>(
  ctx: AppContext,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.db.withTenant(tenantId, async (tx) => {
      const result = await fn(tx);
      await announceChange(tx, tenantId);
      return result;
    });
  } finally {
    endpointTypes(ctx).forget(tenantId);
  }
}

export function listEndpoints(ctx: AppContext, auth: AuthContext) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('webhook_endpoints')
      .selectAll()
      .orderBy('created_at')
      .orderBy('endpoint_id')
      .execute();
    return rows.map(toEndpoint);
  });
}

export async function findEndpoint(tx: Tx, endpointId: string): Promise<Row> {
  const row = await tx
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirst();
  if (!row) throw notFound('webhook_endpoint');
  return row;
}

export function getEndpoint(ctx: AppContext, auth: AuthContext, endpointId: string) {
  return ctx.db.withTenant(auth.tenantId, async (tx) =>
    toEndpoint(await findEndpoint(tx, endpointId)),
  );
}

export function createEndpoint(
  ctx: AppContext,
  auth: AuthContext,
  input: z.infer<typeof WebhookEndpointCreate>,
) {
  const url = checkEndpointUrl(input.url);
  const secret = newSecret();
  return changing(ctx, auth.tenantId, async (tx) => {
    const row = await tx
      .insertInto('webhook_endpoints')
      .values({
        tenant_id: auth.tenantId,
        endpoint_id: randomUUID(),
        url,
        description: input.description,
        event_types: input.eventTypes,
        active: input.active,
        secret,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const endpoint = toEndpoint(row);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'webhook.created',
      entityType: 'webhook_endpoint',
      entityId: endpoint.endpointId,
      after: audited(endpoint),
    });
    return { endpoint, secret };
  });
}

export function updateEndpoint(
  ctx: AppContext,
  auth: AuthContext,
  endpointId: string,
  input: z.infer<typeof WebhookEndpointUpdate>,
) {
  const url = checkEndpointUrl(input.url);
  return changing(ctx, auth.tenantId, async (tx) => {
    const before = toEndpoint(await findEndpoint(tx, endpointId));
    const row = await tx
      .updateTable('webhook_endpoints')
      .set((eb) => ({
        url,
        description: input.description,
        event_types: input.eventTypes,
        active: input.active,
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('endpoint_id', '=', endpointId)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    const after = toEndpoint(await versionedResult(row, async () => true, 'webhook_endpoint'));
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'webhook.updated',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

/** A new secret replaces the old one at once; receivers must be given the new one. */
export function rotateSecret(ctx: AppContext, auth: AuthContext, endpointId: string) {
  const secret = newSecret();
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await findEndpoint(tx, endpointId);
    const row = await tx
      .updateTable('webhook_endpoints')
      .set((eb) => ({ secret, version: eb('version', '+', 1), updated_at: ctx.clock.now() }))
      .where('endpoint_id', '=', endpointId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'webhook.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
    });
    return { endpoint: toEndpoint(row), secret };
  });
}
