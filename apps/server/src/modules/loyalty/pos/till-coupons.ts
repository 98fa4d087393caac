import type { Coupon } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import { couponQuery, toCoupons } from '../rewards/coupon-view';

/** How many usable coupons the till shows at most (the soonest to lapse). */
const MAX_SHOWN = 50;

/**
 * The coupons a member can use at the till now (issued, already valid, not yet lapsed), soonest
 * to lapse first: in the caller's transaction, so a coupon a purchase just issued is among them.
 */
export async function usableCoupons(
  tx: Tx,
  memberId: string,
  ctx: { secret: string; tenantId: string; now: Date },
): Promise<Coupon[]> {
  const rows = await couponQuery(tx)
    .where('c.member_id', '=', memberId)
    .where('c.status', '=', 'issued')
    .where('c.valid_from', '<=', ctx.now)
    .where('c.valid_until', '>', ctx.now)
    .orderBy('c.valid_until')
    .orderBy('c.issued_at')
    .limit(MAX_SHOWN)
    .execute();
  return toCoupons(tx, rows, ctx);
}
