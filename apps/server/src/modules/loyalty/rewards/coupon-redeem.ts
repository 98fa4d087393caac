import { calendarParts, normalizeCouponCode } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { verifySigned } from '../../../platform/signing';
import { QR_KIND, readCoupon } from './coupon-view';

/** The stored code from what the till sent: a typed code (check character verified) or a QR payload. */
export function codeFrom(
  secret: string,
  tenantId: string,
  input: { code?: string; qr?: string },
): string {
  if (input.qr) {
    const parts = verifySigned(secret, QR_KIND, input.qr);
    if (!parts || parts[0] !== tenantId || !parts[1]) throw new AppError('coupon.qr_invalid');
    return parts[1];
  }
  const code = normalizeCouponCode(input.code ?? '');
  if (!code) throw new AppError('coupon.code_invalid', { code: (input.code ?? '').slice(0, 40) });
  return code;
}

const money = (minor: number) => (minor / 100).toFixed(2);
const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as the business's staff read it: 2026-11-25 23:58 in its time zone. */
function localTime(at: Date, timeZone: string): string {
  const p = calendarParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
const viewCtx = (ctx: AppContext, auth: AuthContext) => ({
  secret: ctx.config.secret,
  tenantId: auth.tenantId,
  now: ctx.clock.now(),
});

/** Why a coupon cannot be used now, or null when it can. */
function refusal(
  c: {
    status: string;
    redeemed_at: Date | null;
    valid_from: Date;
    valid_until: Date;
    min_spend_minor: string | number;
    member_id: string;
    time_zone: string;
  },
  now: Date,
  input: { basketMinor?: number; memberId?: string },
): AppError | null {
  const at = (d: Date) => localTime(d, c.time_zone);
  if (c.status === 'redeemed')
    return new AppError('coupon.already_redeemed', { at: at(c.redeemed_at!) });
  if (c.status === 'void') return new AppError('coupon.void');
  if (input.memberId && input.memberId !== c.member_id) return new AppError('coupon.other_member');
  if (c.valid_from > now) return new AppError('coupon.not_yet_valid', { from: at(c.valid_from) });
  if (c.valid_until <= now) return new AppError('coupon.expired', { until: at(c.valid_until) });
  const min = Number(c.min_spend_minor);
  const basketMinor = input.basketMinor;
  if (min > 0 && basketMinor === undefined)
    return new AppError('coupon.basket_needed', { min: money(min) });
  if (basketMinor !== undefined && basketMinor < min)
    return new AppError('coupon.min_spend', { min: money(min), basket: money(basketMinor) });
  return null;
}

async function lockByCode(tx: Tx, code: string) {
  const row = await tx
    .selectFrom('coupons as c')
    .innerJoin('rewards as r', (j) =>
      j.onRef('r.tenant_id', '=', 'c.tenant_id').onRef('r.reward_id', '=', 'c.reward_id'),
    )
    .select([
      'c.coupon_id',
      'c.member_id',
      'c.reward_id',
      'c.status',
      'c.redeemed_at',
      'c.valid_from',
      'c.valid_until',
      'r.min_spend_minor',
      'r.kind',
      'r.amount_minor',
      'r.percent_off',
      sql<string>`(SELECT time_zone FROM tenants t WHERE t.tenant_id = c.tenant_id)`.as(
        'time_zone',
      ),
    ])
    .where('c.code', '=', code)
    .forUpdate('c')
    .executeTakeFirst();
  if (!row) throw notFound('coupon');
  return row;
}

/** Looks a coupon up for the till without using it: whether it can be used now, and why not. */
export async function checkCoupon(
  ctx: AppContext,
  auth: AuthContext,
  input: { code?: string; qr?: string },
) {
  const code = codeFrom(ctx.config.secret, auth.tenantId, input);
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const row = await tx
      .selectFrom('coupons')
      .select('coupon_id')
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound('coupon');
    return (await readCoupon(tx, row.coupon_id, viewCtx(ctx, auth)))!;
  });
}

/**
 * Uses a coupon at the till, exactly once: its row is locked, so of concurrent attempts one
 * wins and the rest are told it was already used. Records `coupon.redeemed`.
 */
export async function redeemCoupon(
  ctx: AppContext,
  auth: AuthContext,
  input: {
    code?: string;
    qr?: string;
    basketMinor?: number;
    memberId?: string;
    purchaseRef?: string;
    storeId?: string;
  },
) {
  const code = codeFrom(ctx.config.secret, auth.tenantId, input);
  const storeId = input.storeId ?? auth.storeId;
  if (storeId && auth.allowedStoreIds && !auth.allowedStoreIds.includes(storeId))
    throw new AppError('store.not_allowed');
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const now = ctx.clock.now();
    const c = await lockByCode(tx, code);
    const refused = refusal(c, now, input);
    if (refused) throw refused;
    await tx
      .updateTable('coupons')
      .set({
        status: 'redeemed',
        redeemed_at: now,
        redeemed_store_id: storeId ?? null,
        redeemed_by: auth.actor.id,
        redemption_ref: input.purchaseRef ?? null,
        version: sql`version + 1`,
      })
      .where('coupon_id', '=', c.coupon_id)
      .execute();
    await ctx.events.record(tx, auth.tenantId, 'coupon.redeemed', {
      couponId: c.coupon_id,
      memberId: c.member_id,
      rewardId: c.reward_id,
      storeId: storeId ?? null,
      purchaseRef: input.purchaseRef ?? null,
    });
    const discountMinor =
      c.kind === 'fixed_amount'
        ? Math.min(Number(c.amount_minor), input.basketMinor ?? Number(c.amount_minor))
        : c.kind === 'percent' && input.basketMinor !== undefined
          ? Math.round((input.basketMinor * Number(c.percent_off)) / 100)
          : null;
    return { coupon: (await readCoupon(tx, c.coupon_id, viewCtx(ctx, auth)))!, discountMinor };
  });
}
