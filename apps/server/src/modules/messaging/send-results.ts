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

/** Records one message's result the moment the channel gives it, in its own transaction. */
export async function recordResult(
  ctx: AppContext,
  tenantId: string,
  channel: ChannelKind,
  row: ReadyRow,
  result: SendResult,
  summary: DispatchSummary,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.withTenant(tenantId, async (tx) => {
    const base = tx
      .updateTable('message_deliveries')
      .where('delivery_id', '=', row.delivery_id)
      .where('state', '=', 'queued');
    const attempts = row.attempts + 1;
    if (result.status === 'sent') {
      summary.sent++;
      await base
        .set({
          state: 'sent',
          provider: channel,
          provider_id: result.providerId ?? null,
          sent_at: now,
          attempts,
          last_attempt_at: now,
          updated_at: now,
          reason: null,
          detail: null,
        })
        .execute();
      return;
    }
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
  });
}
