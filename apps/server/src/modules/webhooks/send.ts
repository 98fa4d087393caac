import { WEBHOOK_TEST_EVENT } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { webhookSignature } from '../../platform/webhook-signature';
import { postJson, retryable, type PostResult } from './post';

export const SEND_QUEUE = 'webhook-send';

/** Waits after the 1st, 2nd… failed attempt; after the last one the delivery has failed. */
export const RETRY_SCHEDULE_MS = [
  60_000, // 1 min
  5 * 60_000, // 5 min
  30 * 60_000, // 30 min
  2 * 3_600_000, // 2 h
  12 * 3_600_000, // 12 h
];

/** A claimed attempt is not taken by another worker for this long (a POST lasts ≤ 5 s). */
const LEASE_MS = 2 * 60_000;

/** Enqueues an attempt in the caller's transaction, after `delayMs`. */
export async function enqueueSend(
  ctx: AppContext,
  tx: Tx,
  tenantId: string,
  deliveryId: string,
  delayMs = 0,
): Promise<void> {
  const startAfter = Math.ceil(delayMs / 1000);
  await ctx.jobs.enqueue(
    tx,
    SEND_QUEUE,
    { tenantId, deliveryId },
    startAfter > 0 ? { startAfter } : {},
  );
}

type Claim = {
  url: string;
  secret: string;
  body: string;
  eventId: string;
  eventType: string;
  attempts: number;
  attemptBase: number;
};

/** Takes a due attempt: counts it and leases it, so a second worker or job leaves it alone. */
async function claim(
  ctx: AppContext,
  tenantId: string,
  deliveryId: string,
  now: Date,
): Promise<Claim | null> {
  return ctx.db.withTenant(tenantId, async (tx) => {
    const d = await tx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', (j) =>
        j.onRef('e.tenant_id', '=', 'd.tenant_id').onRef('e.endpoint_id', '=', 'd.endpoint_id'),
      )
      .select(['d.body', 'd.event_id', 'd.event_type', 'd.state', 'd.attempts', 'd.attempt_base'])
      .select(['d.next_attempt_at', 'e.url', 'e.secret', 'e.active'])
      .where('d.delivery_id', '=', deliveryId)
      .forUpdate('d')
      .executeTakeFirst();
    if (!d || d.state !== 'pending') return null;
    if (d.next_attempt_at && d.next_attempt_at > now) return null; // not due: a later job has it
    const update = tx.updateTable('webhook_deliveries').where('delivery_id', '=', deliveryId);
    if (!d.active && d.event_type !== WEBHOOK_TEST_EVENT) {
      // Switched off after the event: nothing goes out, and the log says why.
      await update
        .set({ state: 'failed', last_error: 'endpoint disabled', next_attempt_at: null })
        .execute();
      return null;
    }
    await update
      .set({
        attempts: d.attempts + 1,
        last_attempt_at: now,
        next_attempt_at: new Date(now.getTime() + LEASE_MS),
      })
      .execute();
    return {
      url: d.url,
      secret: d.secret,
      body: d.body,
      eventId: d.event_id,
      eventType: d.event_type,
      attempts: d.attempts + 1,
      attemptBase: d.attempt_base,
    };
  });
}

/** The headers of one attempt; the signature covers "<timestamp>.<body>". */
export function signedHeaders(c: Claim, deliveryId: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'x-regulars-event-id': c.eventId,
    'x-regulars-event-type': c.eventType,
    'x-regulars-delivery': deliveryId,
    'x-regulars-timestamp': timestamp,
    'x-regulars-signature': webhookSignature(c.secret, timestamp, c.body),
  };
}

/**
 * One attempt at a delivery, if it is due: POST, then record the outcome. 2xx succeeds; network
 * errors, time-outs, 408, 429 and 5xx are tried again on the schedule; anything else fails at
 * once. Safe to run twice: a delivery that is not pending or not yet due is left alone.
 */
export async function attemptDelivery(
  ctx: AppContext,
  tenantId: string,
  deliveryId: string,
): Promise<void> {
  const now = ctx.clock.now();
  const c = await claim(ctx, tenantId, deliveryId, now);
  if (!c) return;
  const result = await postJson(c.url, signedHeaders(c, deliveryId, now), c.body);
  await ctx.db.withTenant(tenantId, (tx) => recordResult(ctx, tx, tenantId, deliveryId, c, result));
}

async function recordResult(
  ctx: AppContext,
  tx: Tx,
  tenantId: string,
  deliveryId: string,
  c: Claim,
  r: PostResult,
): Promise<void> {
  const at = ctx.clock.now();
  const ok = 'status' in r && r.status >= 200 && r.status < 300;
  const wait = RETRY_SCHEDULE_MS[c.attempts - c.attemptBase - 1];
  const again = !ok && retryable(r) && wait !== undefined;
  const updated = await tx
    .updateTable('webhook_deliveries')
    .set({
      state: ok ? 'succeeded' : again ? 'pending' : 'failed',
      last_status: 'status' in r ? r.status : null,
      last_error: 'error' in r ? r.error : ok ? null : `HTTP ${r.status}`,
      next_attempt_at: again ? new Date(at.getTime() + wait) : null,
    })
    .where('delivery_id', '=', deliveryId)
    .where('attempts', '=', c.attempts)
    .where('state', '=', 'pending')
    .returning('delivery_id')
    .executeTakeFirst();
  if (updated && again) await enqueueSend(ctx, tx, tenantId, deliveryId, wait);
}
