import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { readDsn } from './dsn';
import { applyDeliveryReport } from './reports.service';

export type BounceOutcome = 'bounced' | 'failed' | 'delayed' | 'duplicate' | 'not_a_bounce';

/**
 * A message that came back to one email's bounce address (the token already checked). A hard
 * bounce (Action failed, Status 5.x.x) bounces the delivery and blocks the address as a 5xx at
 * send time does; a soft one (4.x.x) is recorded — a final 4.x.x failure also fails the delivery —
 * and blocks nothing. Anything without a failed or delayed recipient (an out-of-office reply, a
 * read receipt) changes nothing. Each notification is applied once, however often it arrives.
 */
export async function receiveBounce(
  ctx: AppContext,
  target: { tenantId: string; deliveryId: string },
  raw: Buffer,
): Promise<BounceOutcome> {
  const dsn = readDsn(raw);
  const { tenantId, deliveryId } = target;
  return ctx.db.withTenant(tenantId, async (tx) => {
    const delivery = await tx
      .selectFrom('message_deliveries')
      .select('channel')
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirst();
    if (!delivery || delivery.channel !== 'email') throw notFound('delivery');
    if (dsn.kind === 'none') return 'not_a_bounce';
    const now = ctx.clock.now();
    const kept = await tx
      .insertInto('email_bounces')
      .values({
        tenant_id: tenantId,
        bounce_id: randomUUID(),
        delivery_id: deliveryId,
        dsn_key: dsn.key,
        kind: dsn.kind,
        action: dsn.action,
        status: dsn.status,
        recipient: dsn.recipient,
        diagnostic: dsn.diagnostic,
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'dsn_key']).doNothing())
      .returning('bounce_id')
      .executeTakeFirst();
    if (!kept) return 'duplicate';
    if (dsn.action === 'delayed') return 'delayed';
    const hard = dsn.kind === 'hard';
    await applyDeliveryReport(
      tx,
      tenantId,
      {
        deliveryId,
        outcome: hard ? 'bounced' : 'failed',
        permanent: hard,
        detail: `${dsn.status} ${dsn.diagnostic ?? ''}`.trim(),
      },
      now,
    );
    // as for a failure at send time, the message gives its place under the frequency cap back
    await tx.deleteFrom('message_cap_reservations').where('delivery_id', '=', deliveryId).execute();
    return hard ? 'bounced' : 'failed';
  });
}
