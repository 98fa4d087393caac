import type { Caller } from '../../../../../../test/app';
import type { AppContext } from '../../../http/context';
import { evaluateMemberTier } from '../tiers/tier-evaluation';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

async function ok(res: { statusCode: number; body: string; json(): unknown }): Promise<Json> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Json;
}

/**
 * Rows of every tier, reward, mission and game table for one business (tenant-isolation test):
 * a tier the member holds, a reward and its coupon, the birthday rule, a badge and a mission the
 * member completed, a game and a draw. Returns the ids the test puts in URLs and the marks that
 * must never show in the other business's answers.
 */
export async function seedRewards(
  ctx: AppContext,
  admin: Caller,
  tenantId: string,
  memberId: string,
  slug: string,
) {
  const post = async (url: string, payload: object) =>
    ok(await admin.inject({ method: 'POST', url, payload }));
  await ok(
    await admin.inject({
      method: 'PUT',
      url: '/api/tier-settings',
      payload: { basis: 'spend', window: 'calendar_year', graceDays: 7, version: 1 },
    }),
  );
  const reward = await post('/api/rewards', {
    kind: 'gift',
    name: `Gift of ${slug}`,
    itemName: 'Mug',
  });
  const tier = await post('/api/tiers', {
    name: `Tier of ${slug}`,
    threshold: 0,
    perkRewardId: reward.rewardId,
  });
  await ctx.db.withTenant(tenantId, (tx) =>
    evaluateMemberTier(ctx, tx, tenantId, memberId, { reevaluate: false }),
  );
  const coupon = (await post(`/api/rewards/${reward.rewardId}/redeem`, { memberId })).coupon;
  await ok(
    await admin.inject({
      method: 'PUT',
      url: '/api/reward-rules/birthday',
      payload: { rewardId: reward.rewardId, active: true },
    }),
  );
  const badge = await post('/api/badges', { name: `Badge of ${slug}` });
  const mission = await post('/api/missions', {
    name: `Mission of ${slug}`,
    kind: 'count',
    eventType: 'action.reported',
    eventFilter: 'review',
    target: 1,
    rewardPoints: 5,
    badgeId: badge.badgeId,
  });
  const eventId = await ctx.db.withTenant(tenantId, (tx) =>
    ctx.events.record(tx, tenantId, 'action.reported', { memberId, action: 'review' }),
  );
  await ctx.events.deliver(tenantId, eventId);
  const game = await post('/api/games', {
    name: `Game of ${slug}`,
    prizes: [{ label: `Prize of ${slug}`, oddsPpm: 1_000_000, points: 1 }],
  });
  const draw = await post(`/api/games/${game.gameId}/draw`, { memberId });
  return {
    tierId: tier.tierId as string,
    rewardId: reward.rewardId as string,
    couponId: coupon.couponId as string,
    missionId: mission.missionId as string,
    gameId: game.gameId as string,
    marks: [
      tier.tierId,
      `Tier of ${slug}`,
      reward.rewardId,
      `Gift of ${slug}`,
      coupon.couponId,
      coupon.code,
      badge.badgeId,
      `Badge of ${slug}`,
      mission.missionId,
      `Mission of ${slug}`,
      game.gameId,
      `Game of ${slug}`,
      `Prize of ${slug}`,
      draw.drawId,
    ] as string[],
  };
}

/** Bodies for the writes on tier, reward, coupon, mission and game routes (made from the owner's rows). */
export function rewardsBodyFor(method: string, url: string, memberId: string): unknown {
  if (method === 'GET' || method === 'DELETE') return undefined;
  const bodies: Record<string, unknown> = {
    '/api/tiers/:id': { name: 'Taken over', threshold: 1, version: 1 },
    '/api/rewards/:id': { kind: 'gift', name: 'Taken over', itemName: 'x', version: 1 },
    '/api/rewards/:id/redeem': { memberId },
    '/api/coupons/:id/void': { reason: 'taken over' },
    '/api/coupons/:id/reverse': { reason: 'taken over' },
    '/api/missions/:id': {
      name: 'Taken over',
      kind: 'count',
      eventType: 'purchase.recorded',
      target: 1,
      rewardPoints: 1,
      version: 1,
    },
    '/api/games/:id': { name: 'Taken over', prizes: [{ label: 'x', oddsPpm: 1 }], version: 1 },
    '/api/games/:id/draw': { memberId },
  };
  return bodies[url];
}
