import { calendarParts } from '@regulars/core';
import type { Coupon } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../../http/context';
import { notFound } from '../../../http/errors';
import { recordAudit } from '../../../platform/audit';
import { memberNames, membersWithBirthday } from '../../members';
import { issueCouponIfAvailable } from './coupon-issue';
import { couponQuery, toCoupons } from './coupon-view';

const view = (ctx: AppContext, tenantId: string) => ({
  secret: ctx.config.secret,
  tenantId,
  now: ctx.clock.now(),
});

/** Coupons, newest first, by member, reward or status; the cursor is the last one's id. */
export async function listCoupons(
  ctx: AppContext,
  auth: AuthContext,
  f: {
    memberId?: string;
    rewardId?: string;
    status?: Coupon['status'];
    cursor?: string;
    limit: number;
  },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    let q = couponQuery(tx);
    if (f.memberId) q = q.where('c.member_id', '=', f.memberId);
    if (f.rewardId) q = q.where('c.reward_id', '=', f.rewardId);
    if (f.status) q = q.where('c.status', '=', f.status);
    if (f.cursor) {
      const at = await tx
        .selectFrom('coupons')
        .select(['issued_at', 'coupon_id'])
        .where(
          'coupon_id',
          '=',
          /^[0-9a-f-]{36}$/.test(f.cursor) ? f.cursor : '00000000-0000-0000-0000-000000000000',
        )
        .executeTakeFirst();
      if (at)
        q = q.where((eb) =>
          eb.or([
            eb('c.issued_at', '<', at.issued_at),
            eb.and([eb('c.issued_at', '=', at.issued_at), eb('c.coupon_id', '<', at.coupon_id)]),
          ]),
        );
    }
    const rows = await q
      .orderBy('c.issued_at', 'desc')
      .orderBy('c.coupon_id', 'desc')
      .limit(f.limit + 1)
      .execute();
    const items = await toCoupons(tx, rows.slice(0, f.limit), view(ctx, auth.tenantId));
    return { items, nextCursor: rows.length > f.limit ? items.at(-1)!.couponId : null };
  });
}

/**
 * Issues a reward's coupon to each listed member. The batch reference is the natural key: a
 * re-sent batch issues nothing twice. Members beyond the stock are counted, not failed.
 */
export async function bulkIssue(
  ctx: AppContext,
  auth: AuthContext,
  input: { rewardId: string; memberIds: string[]; batchRef: string },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const reward = await tx
      .selectFrom('rewards')
      .select('reward_id')
      .where('reward_id', '=', input.rewardId)
      .executeTakeFirst();
    if (!reward) throw notFound('reward');
    const ids = [...new Set(input.memberIds)];
    const known = await memberNames(tx, ids);
    if (known.size !== ids.length) throw notFound('member');
    const counts = { issued: 0, skipped: 0, outOfStock: 0 };
    for (const memberId of ids) {
      const issued = await issueCouponIfAvailable(ctx, tx, {
        tenantId: auth.tenantId,
        rewardId: input.rewardId,
        memberId,
        source: 'bulk',
        sourceRef: `bulk:${input.batchRef}`,
        actorId: auth.actor.id,
      });
      if (!issued) counts.outOfStock++;
      else if (issued.created) counts.issued++;
      else counts.skipped++;
    }
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'coupons.bulk_issued',
      entityType: 'reward',
      entityId: input.rewardId,
      after: { batchRef: input.batchRef, members: ids.length, ...counts },
    });
    return counts;
  });
}

export async function readBirthdayRule(ctx: AppContext, auth: AuthContext) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const r = await tx
      .selectFrom('reward_rules')
      .selectAll()
      .where('rule', '=', 'birthday')
      .executeTakeFirst();
    return { rewardId: r?.reward_id ?? null, active: r?.active ?? false };
  });
}

export async function saveBirthdayRule(
  ctx: AppContext,
  auth: AuthContext,
  input: { rewardId: string | null; active: boolean },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    if (input.rewardId === null) {
      await tx.deleteFrom('reward_rules').where('rule', '=', 'birthday').execute();
    } else {
      const reward = await tx
        .selectFrom('rewards')
        .select('reward_id')
        .where('reward_id', '=', input.rewardId)
        .executeTakeFirst();
      if (!reward) throw notFound('reward');
      await tx
        .insertInto('reward_rules')
        .values({
          tenant_id: auth.tenantId,
          rule: 'birthday',
          reward_id: input.rewardId,
          active: input.active,
        })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'rule'])
            .doUpdateSet({ reward_id: input.rewardId!, active: input.active }),
        )
        .execute();
    }
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'reward_rule.saved',
      entityType: 'reward',
      entityId: input.rewardId,
      after: { rule: 'birthday', ...input },
    });
    return input;
  });
}

/**
 * The birthday rule for today (in the business's time zone): one coupon per member whose
 * birthday it is, keyed by the year, so running the job twice on a day issues nothing twice.
 * Members born on 29 February get theirs on 28 February in other years.
 */
export async function runBirthdayCoupons(
  ctx: AppContext,
  tenantId: string,
): Promise<{ issued: number }> {
  return ctx.db.withTenant(tenantId, async (tx) => {
    const rule = await tx
      .selectFrom('reward_rules')
      .selectAll()
      .where('rule', '=', 'birthday')
      .where('active', '=', true)
      .executeTakeFirst();
    if (!rule) return { issued: 0 };
    const tenant = await tx.selectFrom('tenants').select('time_zone').executeTakeFirstOrThrow();
    const today = calendarParts(ctx.clock.now(), tenant.time_zone);
    const members = await membersWithBirthday(tx, today.month, today.day);
    const leap = today.year % 4 === 0 && (today.year % 100 !== 0 || today.year % 400 === 0);
    if (today.month === 2 && today.day === 28 && !leap)
      members.push(...(await membersWithBirthday(tx, 2, 29)));
    let issued = 0;
    for (const memberId of members) {
      const c = await issueCouponIfAvailable(ctx, tx, {
        tenantId,
        rewardId: rule.reward_id,
        memberId,
        source: 'birthday',
        sourceRef: `birthday:${today.year}`,
      });
      if (c?.created) issued++;
    }
    return { issued };
  });
}
