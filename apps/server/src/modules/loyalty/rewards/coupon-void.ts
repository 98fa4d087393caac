import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { reversePoints } from '../points/ledger';
import { giveBackStock } from './coupon-issue';
import { readCoupon } from './coupon-view';

type CouponRow = {
  member_id: string;
  reward_id: string;
  status: string;
  points_entry_id: string | null;
};

/** Runs `change` on the coupon's locked row, then returns the coupon as the API shows it. */
async function withLockedCoupon(
  ctx: AppContext,
  auth: AuthContext,
  couponId: string,
  change: (tx: Tx, c: CouponRow) => Promise<void>,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const c = await tx
      .selectFrom('coupons')
      .select(['member_id', 'reward_id', 'status', 'points_entry_id'])
      .where('coupon_id', '=', couponId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw notFound('coupon');
    await change(tx, c);
    const view = { secret: ctx.config.secret, tenantId: auth.tenantId, now: ctx.clock.now() };
    return (await readCoupon(tx, couponId, view))!;
  });
}

/** Undoes a use at the till (the sale was cancelled): the coupon can be used again. */
export function reverseRedemption(
  ctx: AppContext,
  auth: AuthContext,
  couponId: string,
  reason: string,
) {
  return withLockedCoupon(ctx, auth, couponId, async (tx, c) => {
    if (c.status !== 'redeemed') throw new AppError('coupon.not_redeemed');
    await tx
      .updateTable('coupons')
      .set({
        status: 'issued',
        redeemed_at: null,
        redeemed_store_id: null,
        redeemed_by: null,
        redemption_ref: null,
        version: sql`version + 1`,
      })
      .where('coupon_id', '=', couponId)
      .execute();
    await ctx.events.record(tx, auth.tenantId, 'coupon.redemption_reversed', {
      couponId,
      memberId: c.member_id,
      reason,
    });
  });
}

/**
 * Voids an unused coupon: the points it cost go back to the member (through the ledger's
 * reversal) and its unit goes back into the reward's stock. Voiding twice changes nothing.
 */
export function voidCoupon(ctx: AppContext, auth: AuthContext, couponId: string, reason: string) {
  return withLockedCoupon(ctx, auth, couponId, async (tx, c) => {
    if (c.status === 'redeemed') throw new AppError('coupon.not_voidable');
    if (c.status !== 'issued') return;
    await tx
      .updateTable('coupons')
      .set({
        status: 'void',
        voided_at: ctx.clock.now(),
        void_reason: reason,
        version: sql`version + 1`,
      })
      .where('coupon_id', '=', couponId)
      .execute();
    if (c.points_entry_id)
      await reversePoints(ctx, tx, {
        tenantId: auth.tenantId,
        entryId: c.points_entry_id,
        reason: 'coupon voided',
        actorId: auth.actor.id,
      });
    await giveBackStock(tx, c.reward_id);
    await ctx.events.record(tx, auth.tenantId, 'coupon.voided', {
      couponId,
      memberId: c.member_id,
      reason,
    });
  });
}
