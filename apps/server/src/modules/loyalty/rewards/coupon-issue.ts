import { randomInt, randomUUID } from 'node:crypto';
import { newCouponCode } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { spendPoints } from '../points/ledger';

export type CouponSource = 'redemption' | 'tier_perk' | 'birthday' | 'bulk' | 'game' | 'mission';
export type IssueInput = {
  tenantId: string;
  rewardId: string;
  memberId: string;
  source: CouponSource;
  /** The cause's natural key: the same cause issues one coupon, however often it runs. */
  sourceRef?: string | null;
  /** Take the reward's cost in points from the member (a redemption; not with a sourceRef). */
  chargePoints?: boolean;
  actorId?: string | null;
};
export type Issued = { couponId: string; code: string; created: boolean; balance: number | null };

/**
 * Issues one coupon of a reward to a member in the caller's transaction. The reward's row is
 * taken with an UPDATE that also decrements its stock only while stock is left, so concurrent
 * issues queue on that row and stock can never be oversold; the per-member limit is counted
 * after that lock. A redemption spends the reward's points in the same transaction.
 */
export async function issueCoupon(
  ctx: Pick<AppContext, 'clock' | 'events'>,
  tx: Tx,
  input: IssueInput,
): Promise<Issued> {
  const now = ctx.clock.now();
  const ref = input.sourceRef ?? null;
  if (ref) {
    const existing = await findBySource(tx, input.memberId, input.rewardId, ref);
    if (existing) return { ...existing, created: false, balance: null };
  }
  // Points first: the member's balance is locked before the reward's row, the order every path
  // takes (a purchase locks the balance, then may reach a tier whose perk is a coupon).
  const couponId = randomUUID();
  let pointsEntryId: string | null = null;
  let balance: number | null = null;
  let charged = 0;
  if (input.chargePoints) {
    const priced = await tx
      .selectFrom('rewards')
      .select(['name', 'cost_points'])
      .where('reward_id', '=', input.rewardId)
      .executeTakeFirst();
    if (priced && priced.cost_points > 0) {
      const spent = await spendPoints(ctx, tx, {
        tenantId: input.tenantId,
        memberId: input.memberId,
        points: priced.cost_points,
        reason: 'reward',
        source: 'reward',
        sourceRef: couponId,
        actorId: input.actorId ?? null,
        details: { rewardId: input.rewardId, rewardName: priced.name },
      });
      pointsEntryId = spent.entryId;
      balance = spent.balance;
      charged = priced.cost_points;
    }
  }
  const taken = await sql<{
    name: string;
    cost_points: number;
    per_member_limit: number | null;
    coupon_valid_days: number;
  }>`
    UPDATE rewards SET issued_count = issued_count + 1,
      stock_left = CASE WHEN stock_left IS NULL THEN NULL ELSE stock_left - 1 END
    WHERE reward_id = ${input.rewardId} AND active
      AND (valid_from IS NULL OR valid_from <= ${now}) AND (valid_until IS NULL OR valid_until > ${now})
      AND (stock_left IS NULL OR stock_left > 0)
    RETURNING name, cost_points, per_member_limit, coupon_valid_days`.execute(tx);
  const reward = taken.rows[0];
  if (!reward) throw await whyNotIssued(tx, input.rewardId, now);
  if (ref) {
    // A concurrent issue for the same cause may have won while we waited for the reward's row.
    const existing = await findBySource(tx, input.memberId, input.rewardId, ref);
    if (existing) {
      await giveBackStock(tx, input.rewardId);
      return { ...existing, created: false, balance: null };
    }
  }
  if (reward.per_member_limit !== null) {
    const held = await tx
      .selectFrom('coupons')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('member_id', '=', input.memberId)
      .where('reward_id', '=', input.rewardId)
      .where('status', '<>', 'void')
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= reward.per_member_limit)
      throw new AppError('reward.limit_reached', {
        name: reward.name,
        limit: reward.per_member_limit,
      });
  }
  const validUntil = new Date(now.getTime() + reward.coupon_valid_days * 86_400_000);
  for (;;) {
    const code = newCouponCode(randomInt);
    const inserted = await sql<{ coupon_id: string }>`
      INSERT INTO coupons (tenant_id, coupon_id, code, reward_id, member_id, source, source_ref,
        points_cost, points_entry_id, valid_from, valid_until, issued_at, issued_by)
      VALUES (${input.tenantId}, ${couponId}, ${code}, ${input.rewardId}, ${input.memberId}, ${input.source}, ${ref},
        ${charged}, ${pointsEntryId}, ${now}, ${validUntil}, ${now}, ${input.actorId ?? null})
      ON CONFLICT (tenant_id, code) DO NOTHING RETURNING coupon_id`.execute(tx);
    if (inserted.rows.length) {
      await ctx.events.record(tx, input.tenantId, 'coupon.issued', {
        couponId,
        memberId: input.memberId,
        rewardId: input.rewardId,
        source: input.source,
      });
      return { couponId, code, created: true, balance };
    }
  }
}

/** As issueCoupon, but a reward out of stock, limit or dates issues nothing (rules and games). */
export async function issueCouponIfAvailable(
  ctx: Pick<AppContext, 'clock' | 'events'>,
  tx: Tx,
  input: IssueInput,
): Promise<Issued | null> {
  try {
    return await issueCoupon(ctx, tx, input);
  } catch (err) {
    if (err instanceof AppError && err.code.startsWith('reward.')) return null;
    throw err;
  }
}

async function findBySource(tx: Tx, memberId: string, rewardId: string, ref: string) {
  const row = await tx
    .selectFrom('coupons')
    .select(['coupon_id', 'code'])
    .where('member_id', '=', memberId)
    .where('reward_id', '=', rewardId)
    .where('source_ref', '=', ref)
    .executeTakeFirst();
  return row ? { couponId: row.coupon_id, code: row.code } : null;
}

export async function giveBackStock(tx: Tx, rewardId: string): Promise<void> {
  await sql`UPDATE rewards SET issued_count = issued_count - 1,
      stock_left = CASE WHEN stock_left IS NULL THEN NULL ELSE stock_left + 1 END
    WHERE reward_id = ${rewardId}`.execute(tx);
}

async function whyNotIssued(tx: Tx, rewardId: string, now: Date): Promise<AppError> {
  const r = await tx
    .selectFrom('rewards')
    .select(['name', 'active', 'stock_left', 'valid_from', 'valid_until'])
    .where('reward_id', '=', rewardId)
    .executeTakeFirst();
  if (!r) return notFound('reward');
  const inDates = (!r.valid_from || r.valid_from <= now) && (!r.valid_until || r.valid_until > now);
  if (!r.active || !inDates) return new AppError('reward.not_available', { name: r.name });
  return new AppError('reward.out_of_stock', { name: r.name });
}
