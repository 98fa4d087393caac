import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverEvents } from '../test-kit/rewards-kit';
import { loyaltyFixture } from './pos-kit';

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let silver: string;
let perk: string;
const tea = (unitPriceMinor: number) => [{ name: 'Tea', unitPriceMinor }];

beforeAll(async () => {
  f = await loyaltyFixture('till-tiers');
  await f.rule({ name: 'Base: 1 point per NT$100' });
  const { version } = await f.ok(await f.admin.inject({ url: '/api/tier-settings' }));
  await f.ok(
    await f.admin.inject({
      method: 'PUT',
      url: '/api/tier-settings',
      payload: { basis: 'spend', window: 'rolling_12m', graceDays: 30, periodMonths: 12, version },
    }),
  );
  perk = (
    await f.ok(
      await f.post('/api/rewards', {
        kind: 'gift',
        name: '銀卡迎賓禮',
        itemName: '香檳',
        redeemable: false,
      }),
    )
  ).rewardId;
  silver = (
    await f.ok(
      await f.post('/api/tiers', {
        name: '銀卡',
        threshold: 100_000,
        discountRate: 0.05,
        pointsMultiplier: 1.5,
        perkRewardId: perk,
      }),
    )
  ).tierId;
});
afterAll(() => f.t.close());

describe('a sale at the till', () => {
  it('answers the tier it lifted the member to and the perk coupon that came with it', async () => {
    const m = await f.member('黃小華');
    const first = await f.ok(await f.sale(m, 't-1', tea(60_000)));
    expect(first.tierChange).toBeNull();
    expect(first.coupons).toEqual([]);
    const up = await f.ok(await f.sale(m, 't-2', tea(50_000), 'key-t-2'));
    expect(up.tierChange).toEqual({
      from: null,
      to: { tierId: silver, name: '銀卡' },
      change: 'upgrade',
    });
    expect(up.coupons).toHaveLength(1);
    expect(up.coupons[0]).toMatchObject({
      rewardId: perk,
      source: 'tier_perk',
      usable: true,
      memberId: m,
    });
    // The sale that reaches the tier earns before the upgrade, at the base rate.
    expect(up.earned.points).toBe(5);

    // A retry by key replays the answer; by external id it is rebuilt the same.
    const byKey = await f.sale(m, 't-2', tea(50_000), 'key-t-2');
    expect(byKey.headers['idempotent-replayed']).toBe('true');
    expect(byKey.json()).toEqual(up);
    const byId = await f.ok(await f.sale(m, 't-2', tea(50_000), 'key-t-2-again'));
    expect(byId.tierChange).toEqual(up.tierChange);
    expect(byId.coupons).toEqual(up.coupons);
    expect(byId.purchase).toEqual(up.purchase);
    expect(byId.balance).toEqual(up.balance);

    // The engine's own reactions to the purchase and the points find the tier already raised.
    await deliverEvents(f.t, f.seeded.tenantId);
    const counts = await f.t.ctx.db.withTenant(f.seeded.tenantId, (tx) =>
      sql<{ history: number; coupons: number; changed: number }>`
        SELECT (SELECT count(*) FROM tier_history WHERE member_id = ${m})::int AS history,
               (SELECT count(*) FROM coupons WHERE member_id = ${m})::int AS coupons,
               (SELECT count(*) FROM domain_events WHERE type = 'tier.changed'
                  AND payload->>'memberId' = ${m})::int AS changed`.execute(tx),
    );
    expect(counts.rows[0]).toEqual({ history: 1, coupons: 1, changed: 1 });

    // A later sale changes nothing and earns at the new tier's multiplier.
    const next = await f.ok(await f.sale(m, 't-3', tea(20_000)));
    expect(next.tierChange).toBeNull();
    expect(next.earned.points).toBe(3);
    expect(next.coupons.map((c: { rewardId: string }) => c.rewardId)).toEqual([perk]);

    // The till's lookup shows the tier with its privileges and the coupon.
    const { cardNumber } = await f.ok(await f.admin.inject({ url: `/api/members/${m}/card` }));
    const card = await f.ok(
      await f.till({ method: 'GET', url: `/api/pos/members?card=${cardNumber as string}` }),
    );
    expect(card).toMatchObject({
      tierStatus: 'member',
      tier: { tierId: silver, name: '銀卡', discountRate: 0.05, pointsMultiplier: 1.5 },
      points: { available: 14 },
    });
    expect(card.coupons).toEqual(next.coupons);
  });

  it('does not list coupons that are used, void or lapsed', async () => {
    const m = await f.member('吳大明');
    const up = await f.ok(await f.sale(m, 'u-1', tea(120_000)));
    expect(up.tierChange?.change).toBe('upgrade');
    const coupon = up.coupons[0];
    await f.ok(await f.post(`/api/coupons/${coupon.couponId as string}/void`, { reason: 'test' }));
    const later = await f.ok(await f.sale(m, 'u-2', tea(1_000)));
    expect(later.coupons).toEqual([]);
  });
});
