import { type Fixture, type Json, type Rules } from './rules';

const rewards = new WeakMap<Fixture, Promise<string>>();
/** A free, unlimited reward of the matrix's tenant, made once. */
const rewardOf = (fx: Fixture): Promise<string> => {
  if (!rewards.has(fx))
    rewards.set(
      fx,
      fx
        .create('/api/rewards', { kind: 'gift', name: 'Matrix gift', itemName: 'Tote bag' })
        .then((r) => r.rewardId as string),
    );
  return rewards.get(fx)!;
};
const couponOf = async (fx: Fixture): Promise<Json> =>
  (await fx.create(`/api/rewards/${await rewardOf(fx)}/redeem`, { memberId: fx.memberId })).coupon;
const missionBody = (fx: Fixture) => ({
  name: `Visit ${fx.next()}`,
  kind: 'count',
  eventType: 'purchase.recorded',
  target: 3,
  rewardPoints: 10,
});
const gameBody = (fx: Fixture) => ({
  name: `Lucky ${fx.next()}`,
  prizes: [{ label: '5 points', oddsPpm: 100_000, points: 5 }],
});
const tierOf = (fx: Fixture) =>
  fx.create('/api/tiers', { name: `Tier ${fx.next()}`, threshold: 1_000_000 + fx.next() });

/** Tiers, rewards and coupons (and their use at the till), missions, badges and games. */
export const REWARDS_ROUTES: Rules = {
  'GET /api/tier-settings': {
    access: 'members.browse',
    request: () => ({ url: '/api/tier-settings' }),
  },
  'PUT /api/tier-settings': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const { version } = await fx.read('/api/tier-settings');
      return {
        url: '/api/tier-settings',
        payload: { basis: 'spend', window: 'rolling_12m', graceDays: 30, version },
      };
    },
  },
  'GET /api/tiers': { access: 'members.browse', request: () => ({ url: '/api/tiers' }) },
  'POST /api/tiers': {
    access: 'loyalty.configure',
    request: (fx) => ({
      url: '/api/tiers',
      payload: { name: `Level ${fx.next()}`, threshold: 2_000_000 + fx.next() },
    }),
  },
  'PUT /api/tiers/:id': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const tier = await tierOf(fx);
      return {
        url: `/api/tiers/${tier.tierId}`,
        payload: { name: `${tier.name} renamed`, threshold: tier.threshold, version: tier.version },
      };
    },
  },
  'DELETE /api/tiers/:id': {
    access: 'loyalty.configure',
    request: async (fx) => ({ url: `/api/tiers/${(await tierOf(fx)).tierId}` }),
  },
  'POST /api/tiers/reevaluate': {
    access: 'loyalty.configure',
    request: () => ({ url: '/api/tiers/reevaluate' }),
  },
  'GET /api/members/:id/tier': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/tier` }),
  },
  'GET /api/members/:id/tier-history': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/tier-history` }),
  },
  'GET /api/rewards': { access: 'members.browse', request: () => ({ url: '/api/rewards' }) },
  'POST /api/rewards': {
    access: 'loyalty.configure',
    request: (fx) => ({
      url: '/api/rewards',
      payload: { kind: 'fixed_amount', name: `NT$50 off ${fx.next()}`, amountMinor: 5000 },
    }),
  },
  'PUT /api/rewards/:id': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const r = await fx.create('/api/rewards', {
        kind: 'percent',
        name: `10% ${fx.next()}`,
        percentOff: 10,
      });
      return {
        url: `/api/rewards/${r.rewardId}`,
        payload: { kind: 'percent', name: r.name, percentOff: 15, version: r.version },
      };
    },
  },
  'POST /api/rewards/:id/redeem': {
    access: 'pos.transact',
    request: async (fx) => ({
      url: `/api/rewards/${await rewardOf(fx)}/redeem`,
      payload: { memberId: fx.memberId },
    }),
  },
  'GET /api/coupons': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/coupons?memberId=${fx.memberId}&limit=5` }),
  },
  'POST /api/coupons/bulk': {
    access: 'loyalty.configure',
    request: async (fx) => ({
      url: '/api/coupons/bulk',
      payload: {
        rewardId: await rewardOf(fx),
        memberIds: [fx.memberId],
        batchRef: `matrix-${fx.next()}`,
      },
    }),
  },
  'POST /api/coupons/check': {
    access: 'pos.transact',
    request: async (fx) => ({
      url: '/api/coupons/check',
      payload: { code: (await couponOf(fx)).code },
    }),
  },
  'POST /api/coupons/redeem': {
    access: 'pos.transact',
    request: async (fx) => ({
      url: '/api/coupons/redeem',
      payload: { qr: (await couponOf(fx)).qr },
    }),
  },
  'POST /api/coupons/:id/reverse': {
    access: 'pos.transact',
    request: async (fx) => {
      const c = await couponOf(fx);
      await fx.create('/api/coupons/redeem', { code: c.code });
      return { url: `/api/coupons/${c.couponId}/reverse`, payload: { reason: 'sale cancelled' } };
    },
  },
  'POST /api/coupons/:id/void': {
    access: 'loyalty.configure',
    request: async (fx) => ({
      url: `/api/coupons/${(await couponOf(fx)).couponId}/void`,
      payload: { reason: 'issued by mistake' },
    }),
  },
  'GET /api/reward-rules/birthday': {
    access: 'loyalty.configure',
    request: () => ({ url: '/api/reward-rules/birthday' }),
  },
  'PUT /api/reward-rules/birthday': {
    access: 'loyalty.configure',
    request: async (fx) => ({
      url: '/api/reward-rules/birthday',
      payload: { rewardId: await rewardOf(fx), active: true },
    }),
  },
  'POST /api/reward-rules/birthday/run': {
    access: 'loyalty.configure',
    request: () => ({ url: '/api/reward-rules/birthday/run' }),
  },
  'GET /api/badges': { access: 'members.browse', request: () => ({ url: '/api/badges' }) },
  'POST /api/badges': {
    access: 'loyalty.configure',
    request: (fx) => ({ url: '/api/badges', payload: { name: `Badge ${fx.next()}` } }),
  },
  'GET /api/missions': { access: 'members.browse', request: () => ({ url: '/api/missions' }) },
  'POST /api/missions': {
    access: 'loyalty.configure',
    request: (fx) => ({ url: '/api/missions', payload: missionBody(fx) }),
  },
  'PUT /api/missions/:id': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const m = await fx.create('/api/missions', missionBody(fx));
      return {
        url: `/api/missions/${m.missionId}`,
        payload: { ...missionBody(fx), target: 4, version: m.version },
      };
    },
  },
  'GET /api/members/:id/missions': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/missions` }),
  },
  'GET /api/games': { access: 'members.browse', request: () => ({ url: '/api/games' }) },
  'POST /api/games': {
    access: 'loyalty.configure',
    request: (fx) => ({ url: '/api/games', payload: gameBody(fx) }),
  },
  'PUT /api/games/:id': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const g = await fx.create('/api/games', gameBody(fx));
      return { url: `/api/games/${g.gameId}`, payload: { ...gameBody(fx), version: g.version } };
    },
  },
  'POST /api/games/:id/draw': {
    access: 'pos.transact',
    request: async (fx) => {
      const g = await fx.create('/api/games', gameBody(fx));
      return { url: `/api/games/${g.gameId}/draw`, payload: { memberId: fx.memberId } };
    },
  },
  'GET /api/games/:id/draws': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const g = await fx.create('/api/games', gameBody(fx));
      return { url: `/api/games/${g.gameId}/draws` };
    },
  },
};
