import type { WebhookDelivery, WebhookDeliveryQuery } from '@regulars/contracts';
import { sql, type WebhookDeliveriesTable } from '@regulars/db';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { findEndpoint } from './endpoints.service';
import { attemptDelivery, enqueueSend } from './send';
import { fanOut, testEvent } from './subscriber';

type Row = Selectable<WebhookDeliveriesTable>;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toDelivery = (r: Row): WebhookDelivery => ({
  deliveryId: r.delivery_id,
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  state: r.state,
  attempts: r.attempts,
  lastStatus: r.last_status,
  lastError: r.last_error,
  lastAttemptAt: iso(r.last_attempt_at),
  nextAttemptAt: r.state === 'pending' ? iso(r.next_attempt_at) : null,
  createdAt: new Date(r.created_at).toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function readCursor(cursor: string): [Date, string] {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (Number.isNaN(Date.parse(at)) || !UUID.test(id))
    throw new AppError('request.invalid', { detail: 'cursor: not a cursor from this list' });
  return [new Date(at), id];
}

/** An endpoint's delivery log, newest first. */
export function listDeliveries(
  ctx: AppContext,
  auth: AuthContext,
  endpointId: string,
  q: z.infer<typeof WebhookDeliveryQuery>,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await findEndpoint(tx, endpointId);
    let query = tx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('created_at', 'desc')
      .orderBy('delivery_id', 'desc')
      .limit(q.limit + 1);
    if (q.state) query = query.where('state', '=', q.state);
    if (q.cursor) {
      const [at, id] = readCursor(q.cursor);
      query = query.where(sql<boolean>`(created_at, delivery_id) < (${at}, ${id}::uuid)`);
    }
    const rows = await query.execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const cursor =
      last && rows.length > q.limit ? `${iso(last.created_at)}|${last.delivery_id}` : null;
    return {
      items: page.map(toDelivery),
      nextCursor: cursor && Buffer.from(cursor).toString('base64url'),
    };
  });
}

const readDelivery = (ctx: AppContext, tenantId: string, deliveryId: string) =>
  ctx.db.withTenant(tenantId, async (tx) => {
    const row = await tx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) throw notFound('webhook_delivery');
    return toDelivery(row);
  });

/**
 * Sends a delivery again with the same event id and body: a failed one gets a fresh retry
 * schedule, a pending one is tried now. The receiver dedupes by the event id.
 */
export async function redeliver(ctx: AppContext, auth: AuthContext, deliveryId: string) {
  await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const row = await tx
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        state: 'pending',
        attempt_base: eb.ref('attempts'),
        next_attempt_at: ctx.clock.now(),
      }))
      .where('delivery_id', '=', deliveryId)
      .returning(['endpoint_id'])
      .executeTakeFirst();
    if (!row) throw notFound('webhook_delivery');
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'webhook.redelivered',
      entityType: 'webhook_endpoint',
      entityId: row.endpoint_id,
      after: { deliveryId },
    });
    await enqueueSend(ctx, tx, auth.tenantId, deliveryId);
  });
  return readDelivery(ctx, auth.tenantId, deliveryId);
}

/** Posts a made-up `webhook.test` event to one endpoint now and returns how it went. */
export async function sendTestEvent(ctx: AppContext, auth: AuthContext, endpointId: string) {
  const [deliveryId] = await ctx.db.withTenant(auth.tenantId, async (tx) => {
    await findEndpoint(tx, endpointId);
    return fanOut(ctx, tx, testEvent(auth.tenantId, ctx.clock.now()), endpointId);
  });
  await attemptDelivery(ctx, auth.tenantId, deliveryId!);
  return readDelivery(ctx, auth.tenantId, deliveryId!);
}
