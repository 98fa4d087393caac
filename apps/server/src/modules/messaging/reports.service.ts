import type { Tx } from '@regulars/db';
import { blockAddress } from './blocks';

export type DeliveryReport = {
  deliveryId: string;
  outcome: 'delivered' | 'failed' | 'bounced';
  /** A permanent failure (unknown number, hard bounce) blocks the address for every message. */
  permanent: boolean;
  detail?: string;
};

/**
 * The order a delivery's state moves in: waiting (queued, held) → sent → final (delivered,
 * failed, bounced, suppressed). A report only ever moves a delivery forward: delivered stays
 * delivered after a late "failed", a failed message is not revived by a late "delivered", and
 * intermediate reports (buffered, accepted by the SMSC) are never applied at all.
 */
export const STATE_ORDER: Record<string, number> = {
  queued: 0,
  held: 0,
  sent: 1,
  delivered: 2,
  failed: 2,
  bounced: 2,
  suppressed: 2,
};

/** True when a delivery in state `from` may move to `to`. */
export const movesForward = (from: string, to: string) =>
  (STATE_ORDER[to] ?? 0) > (STATE_ORDER[from] ?? Infinity);

/**
 * Applies a delivery report (SMS delivery report, bounce) to a delivery. Safe to apply twice;
 * a report never moves a delivery back (see STATE_ORDER). A permanent failure blocks the address
 * only when it failed the delivery (or repeats the failure already recorded), never after a
 * delivery that arrived. Returns false when the delivery does not exist in this tenant.
 */
export async function applyDeliveryReport(
  tx: Tx,
  tenantId: string,
  report: DeliveryReport,
  now: Date = new Date(),
): Promise<boolean> {
  const row = await tx
    .selectFrom('message_deliveries')
    .select(['delivery_id', 'channel', 'to_address', 'state'])
    .where('delivery_id', '=', report.deliveryId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return false;
  const detail = report.detail?.slice(0, 500) ?? null;
  const moves = movesForward(row.state, report.outcome);
  if (moves) {
    await tx
      .updateTable('message_deliveries')
      .set(
        report.outcome === 'delivered'
          ? { state: 'delivered', delivered_at: now, updated_at: now, detail }
          : {
              state: report.outcome,
              reason: report.permanent ? 'permanent' : 'temporary',
              detail,
              updated_at: now,
            },
      )
      .where('delivery_id', '=', row.delivery_id)
      .execute();
  }
  const failed = moves || row.state === report.outcome;
  if (report.outcome !== 'delivered' && report.permanent && failed) {
    await blockAddress(tx, tenantId, {
      channel: row.channel,
      address: row.to_address,
      reason: report.outcome === 'bounced' ? 'hard_bounce' : 'invalid',
      detail,
      deliveryId: row.delivery_id,
    });
  }
  return true;
}
