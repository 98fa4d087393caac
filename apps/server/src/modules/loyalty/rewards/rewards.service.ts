import { randomUUID } from 'node:crypto';
import type { Reward, RewardKind } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { recordAudit } from '../../../platform/audit';
import { versionedResult } from '../../../platform/versioned';
import { assertMember } from '../../members/member-rules';
import { pointsBalance } from '../points/ledger';
import { issueCoupon } from './coupon-issue';
import { readCoupon } from './coupon-view';

export type RewardInput = {
  kind: RewardKind;
  name: string;
  description: string;
  amountMinor: number | null;
  percentOff: number | null;
  itemName: string | null;
  minSpendMinor: number;
  costPoints: number;
  stockTotal: number | null;
  perMemberLimit: number | null;
  validFrom: string | null;
  validUntil: string | null;
  couponValidDays: number;
  redeemable: boolean;
  active: boolean;
};

const findReward = (tx: Tx, id: string) =>
  tx.selectFrom('rewards').selectAll().where('reward_id', '=', id).executeTakeFirst();

const toReward = (r: NonNullable<Awaited<ReturnType<typeof findReward>>>): Reward => ({
  rewardId: r.reward_id,
  kind: r.kind,
  name: r.name,
  description: r.description,
  amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
  percentOff: r.percent_off === null ? null : Number(r.percent_off),
  itemName: r.item_name,
  minSpendMinor: Number(r.min_spend_minor),
  costPoints: r.cost_points,
  stockTotal: r.stock_total,
  stockLeft: r.stock_left,
  perMemberLimit: r.per_member_limit,
  validFrom: r.valid_from?.toISOString() ?? null,
  validUntil: r.valid_until?.toISOString() ?? null,
  couponValidDays: r.coupon_valid_days,
  redeemable: r.redeemable,
  active: r.active,
  issuedCount: r.issued_count,
  version: r.version,
});

const columns = (i: RewardInput) => ({
  kind: i.kind,
  name: i.name,
  description: i.description,
  amount_minor: i.kind === 'fixed_amount' ? i.amountMinor : null,
  percent_off: i.kind === 'percent' ? i.percentOff : null,
  item_name: i.kind === 'free_item' || i.kind === 'gift' ? i.itemName : null,
  min_spend_minor: i.minSpendMinor,
  cost_points: i.costPoints,
  stock_total: i.stockTotal,
  per_member_limit: i.perMemberLimit,
  valid_from: i.validFrom,
  valid_until: i.validUntil,
  coupon_valid_days: i.couponValidDays,
  redeemable: i.redeemable,
  active: i.active,
});

export async function listRewards(ctx: AppContext, auth: AuthContext): Promise<Reward[]> {
  return ctx.db.withTenant(auth.tenantId, async (tx) =>
    (await tx.selectFrom('rewards').selectAll().orderBy('name').execute()).map(toReward),
  );
}

export async function createReward(ctx: AppContext, auth: AuthContext, input: RewardInput) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const rewardId = randomUUID();
    await tx
      .insertInto('rewards')
      .values({
        tenant_id: auth.tenantId,
        reward_id: rewardId,
        ...columns(input),
        stock_left: input.stockTotal,
      })
      .execute();
    const saved = toReward((await findReward(tx, rewardId))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'reward.created',
      entityType: 'reward',
      entityId: rewardId,
      after: saved,
    });
    return saved;
  });
}

/**
 * Saves a reward. A new stock total moves what is left by the same difference (never below
 * zero), in the same statement that holds the row, so it cannot race an issue.
 */
export async function updateReward(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
  input: RewardInput & { version: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await findReward(tx, id);
    const updated = await tx
      .updateTable('rewards')
      .set({
        ...columns(input),
        stock_left:
          input.stockTotal === null
            ? null
            : sql`greatest(0, coalesce(stock_left, ${input.stockTotal}) + ${input.stockTotal} - coalesce(stock_total, ${input.stockTotal}))`,
        version: sql`version + 1`,
        updated_at: ctx.clock.now(),
      })
      .where('reward_id', '=', id)
      .where('version', '=', input.version)
      .returning('reward_id')
      .executeTakeFirst();
    await versionedResult(updated, () => findReward(tx, id), 'reward');
    const saved = toReward((await findReward(tx, id))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'reward.updated',
      entityType: 'reward',
      entityId: id,
      before: before && toReward(before),
      after: saved,
    });
    return saved;
  });
}

/** A member exchanges points for a reward (at the counter or online): one coupon, points spent. */
export async function redeemReward(
  ctx: AppContext,
  auth: AuthContext,
  rewardId: string,
  memberId: string,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    const reward = await findReward(tx, rewardId);
    if (!reward) throw notFound('reward');
    if (!reward.redeemable) throw new AppError('reward.not_available', { name: reward.name });
    const issued = await issueCoupon(ctx, tx, {
      tenantId: auth.tenantId,
      rewardId,
      memberId,
      source: 'redemption',
      chargePoints: true,
      actorId: auth.actor.id,
    });
    const view = { secret: ctx.config.secret, tenantId: auth.tenantId, now: ctx.clock.now() };
    return {
      coupon: (await readCoupon(tx, issued.couponId, view))!,
      pointsBalance: issued.balance ?? (await pointsBalance(tx, memberId)).available,
    };
  });
}
