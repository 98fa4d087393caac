import { formatCouponCode } from '@regulars/core';
import type { Coupon } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import { sign } from '../../../platform/signing';
import { memberNames } from '../../members';

const QR_KIND = 'cpn';

/** The signed payload of a coupon's QR code: the tenant and the code, nothing to look up first. */
export const couponQr = (secret: string, tenantId: string, code: string) =>
  sign(secret, QR_KIND, [tenantId, code]);
export { QR_KIND };

const COLUMNS = [
  'c.coupon_id',
  'c.code',
  'c.reward_id',
  'c.member_id',
  'c.source',
  'c.status',
  'c.points_cost',
  'c.valid_from',
  'c.valid_until',
  'c.issued_at',
  'c.redeemed_at',
  'c.redeemed_store_id',
  'c.redemption_ref',
  'c.voided_at',
  'c.void_reason',
  'c.version',
  'r.name as reward_name',
  'r.kind',
  'r.amount_minor',
  'r.percent_off',
  'r.item_name',
  'r.min_spend_minor',
] as const;

export const couponQuery = (tx: Tx) =>
  tx
    .selectFrom('coupons as c')
    .innerJoin('rewards as r', (j) =>
      j.onRef('r.tenant_id', '=', 'c.tenant_id').onRef('r.reward_id', '=', 'c.reward_id'),
    )
    .select(COLUMNS);

type Row = Awaited<ReturnType<ReturnType<typeof couponQuery>['executeTakeFirstOrThrow']>>;

/** Coupons as the API shows them, with member names and each one's QR payload. */
export async function toCoupons(
  tx: Tx,
  rows: Row[],
  ctx: { secret: string; tenantId: string; now: Date },
): Promise<Coupon[]> {
  const names = await memberNames(tx, [...new Set(rows.map((r) => r.member_id))]);
  return rows.map((r) => ({
    couponId: r.coupon_id,
    code: formatCouponCode(r.code),
    qr: couponQr(ctx.secret, ctx.tenantId, r.code),
    rewardId: r.reward_id,
    rewardName: r.reward_name,
    kind: r.kind,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    percentOff: r.percent_off === null ? null : Number(r.percent_off),
    itemName: r.item_name,
    minSpendMinor: Number(r.min_spend_minor),
    memberId: r.member_id,
    memberName: names.get(r.member_id) ?? '',
    source: r.source,
    status: r.status,
    usable:
      r.status === 'issued' &&
      r.valid_from.getTime() <= ctx.now.getTime() &&
      r.valid_until.getTime() > ctx.now.getTime(),
    pointsCost: r.points_cost,
    validFrom: r.valid_from.toISOString(),
    validUntil: r.valid_until.toISOString(),
    issuedAt: r.issued_at.toISOString(),
    redeemedAt: r.redeemed_at?.toISOString() ?? null,
    redeemedStoreId: r.redeemed_store_id,
    redemptionRef: r.redemption_ref,
    voidedAt: r.voided_at?.toISOString() ?? null,
    voidReason: r.void_reason,
    version: r.version,
  }));
}

export async function readCoupon(
  tx: Tx,
  couponId: string,
  ctx: { secret: string; tenantId: string; now: Date },
): Promise<Coupon | null> {
  const row = await couponQuery(tx).where('c.coupon_id', '=', couponId).executeTakeFirst();
  return row ? (await toCoupons(tx, [row], ctx))[0]! : null;
}
