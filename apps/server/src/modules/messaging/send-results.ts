import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { blockAddress } from './blocks';
import type { ChannelKind, SendResult } from './channel';

/** Attempts before a message that keeps failing for a passing reason is given up. */
export const MAX_ATTEMPTS = 6;
/** Wait before attempt n+1: 1, 2, 4, 8, 16 minutes. */
export const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

export type DispatchSummary = {
  sent: number;
  failed: number;
  held: number;
  suppressed: number;
  retrying: number;
};

export type ReadyRow = {
  delivery_id: string;
  member_id: string | null;
  channel: string;
  category: string;
  to_address: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  attempts: number;
};

/**
 * Records the results the channel has acknowledged since the last commit, in one transaction:
 * every "sent" in one statement, the (rare) failures one by one.
 */
export async function recordResults(
  ctx: AppContext,
  tenantId: string,
  channel: ChannelKind,
  results: { row: ReadyRow; result: SendResult }[],
  summary: DispatchSummary,
): Promise<void> {
  const now = ctx.clock.now();
  const sent = results.filter((r) => r.result.status === 'sent');
  await ctx.db.withTenant(tenantId, async (tx) => {
    if (sent.length > 0) {
      await sql`
        UPDATE message_deliveries d
           SET state = 'sent', provider = ${channel}, provider_id = v.provider_id, sent_at = ${now},
               attempts = v.attempts, last_attempt_at = ${now}, updated_at = ${now},
               reason = NULL, detail = NULL
          FROM unnest(${sent.map((r) => r.row.delivery_id)}::uuid[],
                      ${sent.map((r) => (r.result.status === 'sent' && r.result.providerId) || null)}::text[],
                      ${sent.map((r) => r.row.attempts + 1)}::int[]) AS v (id, provider_id, attempts)
         WHERE d.tenant_id = ${tenantId} AND d.delivery_id = v.id AND d.state = 'queued'`.execute(
        tx,
      );
      summary.sent += sent.length;
    }
    for (const { row, result } of results) {
      if (result.status === 'failed')
        await recordFailure(tx, tenantId, channel, row, result, now, summary);
    }
  });
}

async function recordFailure(
  tx: Tx,
  tenantId: string,
  channel: ChannelKind,
  row: ReadyRow,
  result: Extract<SendResult, { status: 'failed' }>,
  now: Date,
  summary: DispatchSummary,
): Promise<void> {
  const base = tx
    .updateTable('message_deliveries')
    .where('delivery_id', '=', row.delivery_id)
    .where('state', '=', 'queued');
  const attempts = row.attempts + 1;
  const detail = result.error.slice(0, 500);
  if (!result.permanent && attempts < MAX_ATTEMPTS) {
    summary.retrying++;
    await base
      .set({
        not_before: new Date(now.getTime() + backoffMs(attempts)),
        attempts,
        last_attempt_at: now,
        reason: 'retrying',
        detail,
        updated_at: now,
      })
      .execute();
    return;
  }
  summary.failed++;
  const bounced = result.permanent && result.bounce === true;
  await base
    .set({
      state: bounced ? 'bounced' : 'failed',
      reason: result.permanent ? 'permanent' : 'gave_up',
      detail,
      attempts,
      last_attempt_at: now,
      updated_at: now,
    })
    .execute();
  await tx
    .deleteFrom('message_cap_reservations')
    .where('delivery_id', '=', row.delivery_id)
    .execute();
  // only a failure that says the address itself is wrong blocks it; a message refused for its
  // content or for the gateway's own reasons fails without touching the member's address
  if (result.permanent && (bounced || result.invalidAddress === true)) {
    await blockAddress(tx, tenantId, {
      channel,
      address: row.to_address,
      reason: bounced ? 'hard_bounce' : 'invalid',
      detail,
      deliveryId: row.delivery_id,
    });
  }
}

type Waiting = { row: ReadyRow; result: SendResult; done: () => void; fail: (e: unknown) => void };

/**
 * Records results as the channel acknowledges them (group commit): a result waits at most for
 * the commit already under way, then goes with every result that arrived meanwhile — never for
 * a timer. So a worker killed mid-batch still leaves only the unacknowledged messages (and those
 * acknowledged within the last commit or two, a few milliseconds) to be sent again, while a
 * busy batch needs a commit per group instead of one per message.
 */
export function resultRecorder(
  ctx: AppContext,
  tenantId: string,
  channel: ChannelKind,
  summary: DispatchSummary,
) {
  let waiting: Waiting[] = [];
  let running = false;
  async function drain(): Promise<void> {
    running = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await recordResults(ctx, tenantId, channel, group, summary);
        for (const w of group) w.done();
      } catch (e) {
        for (const w of group) w.fail(e);
      }
    }
    running = false;
  }
  return (row: ReadyRow, result: SendResult) =>
    new Promise<void>((done, fail) => {
      waiting.push({ row, result, done, fail });
      if (!running) void drain();
    });
}
