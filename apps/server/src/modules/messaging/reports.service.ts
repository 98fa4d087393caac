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
 * Applies a delivery report (SMS delivery report, bounce) to a delivery. Safe to apply twice;
 * a report never moves a delivery back (delivered stays delivered after a late "failed").
 * Returns false when the delivery does not exist in this tenant.
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
  if (report.outcome === 'delivered') {
    if (row.state === 'sent' || row.state === 'queued') {
      await tx
        .updateTable('message_deliveries')
        .set({ state: 'delivered', delivered_at: now, updated_at: now, detail })
        .where('delivery_id', '=', row.delivery_id)
        .execute();
    }
    return true;
  }
  if (row.state !== 'bounced' && row.state !== 'failed') {
    await tx
      .updateTable('message_deliveries')
      .set({
        state: report.outcome,
        reason: report.permanent ? 'permanent' : 'temporary',
        detail,
        updated_at: now,
      })
      .where('delivery_id', '=', row.delivery_id)
      .execute();
  }
  if (report.permanent) {
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
