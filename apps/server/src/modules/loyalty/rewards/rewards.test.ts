import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../../test/app';
import { expectError } from '../../../../../../test/expect-error';
import { earnPoints, pointsBalance } from '../points/ledger';
import { newMember } from '../test-kit/rewards-kit';

let t: TestApp;
let tenantId: string;
let admin: Caller;
let cashier: Caller;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'coupons')).tenantId;
  admin = await signIn(t.app, 'coupons', 'admin@coupons.test');
  cashier = await signIn(t.app, 'coupons', 'customer_assistant@coupons.test');
});
afterAll(() => t.close());

const reward = async (payload: object) => {
  const res = await admin.inject({ method: 'POST', url: '/api/rewards', payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const give = (memberId: string, points: number, ref: string) =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    earnPoints(t.ctx, tx, {
      tenantId,
      memberId,
      points,
      reason: 'test',
      source: 'test',
      sourceRef: ref,
    }),
  );
const balance = (memberId: string) =>
  t.ctx.db.withTenant(tenantId, async (tx) => (await pointsBalance(tx, memberId)).available);
const redeemReward = (rewardId: string, memberId: string, who = cashier) =>
  who.inject({ method: 'POST', url: `/api/rewards/${rewardId}/redeem`, payload: { memberId } });
const useCoupon = (payload: object, headers: Record<string, string> = {}) =>
  cashier.inject({ method: 'POST', url: '/api/coupons/redeem', payload, headers });

describe('the rewards catalog', () => {
  it('needs what each kind of reward is about, named in the error', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/rewards',
      payload: { kind: 'percent', name: '9折' },
    });
    const err = expectError(res, 400, 'request.invalid');
    expect(err.message).toContain('percentOff');
    expectError(
      await cashier.inject({
        method: 'POST',
        url: '/api/rewards',
        payload: { kind: 'gift', name: 'x', itemName: 'y' },
      }),
      403,
      'permission.denied',
    );
  });
});

describe('redeeming a reward for points', () => {
  it('spends the points in the same step and refuses when they are short, leaving stock alone', async () => {
    const m = await newMember(admin, '林美玲');
    await give(m, 1_000, 'r1');
    const r = await reward({
      kind: 'fixed_amount',
      name: '折抵 50 元',
      amountMinor: 5_000,
      costPoints: 300,
      stockTotal: 10,
    });
    const ok = await redeemReward(r.rewardId, m);
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json();
    expect(body.pointsBalance).toBe(700);
    expect(body.coupon).toMatchObject({
      status: 'issued',
      usable: true,
      pointsCost: 300,
      memberName: '林美玲',
    });
    expect(body.coupon.code).toMatch(/^[2-9A-Y]{4}-[2-9A-Y]{4}-[2-9A-Y]{4}-[2-9A-Y]$/);
    await redeemReward(r.rewardId, m);
    await redeemReward(r.rewardId, m);
    expectError(await redeemReward(r.rewardId, m), 409, 'points.insufficient');
    expect(await balance(m)).toBe(100);
    const after = (await admin.inject({ method: 'GET', url: '/api/rewards' })).json();
    expect(after.find((x: { rewardId: string }) => x.rewardId === r.rewardId)).toMatchObject({
      stockLeft: 7,
      issuedCount: 3,
    });
  });

  it('never oversells stock, whatever the number of members redeeming at once', async () => {
    const r = await reward({ kind: 'gift', name: '限量帆布袋', itemName: '帆布袋', stockTotal: 5 });
    const members = await Promise.all(
      Array.from({ length: 24 }, (_, i) => newMember(admin, `搶購者 ${i}`)),
    );
    const results = await Promise.all(members.map((m) => redeemReward(r.rewardId, m)));
    const codes = results.map((res) => (res.statusCode === 200 ? 'ok' : res.json().error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(5);
    expect(codes.filter((c) => c === 'reward.out_of_stock')).toHaveLength(19);
    const coupons = (
      await admin.inject({ method: 'GET', url: `/api/coupons?rewardId=${r.rewardId}` })
    ).json();
    expect(coupons.items).toHaveLength(5);
    const one = results.find((res) => res.statusCode !== 200)!;
    expect(expectError(one, 409, 'reward.out_of_stock').message).toContain('限量帆布袋');
  });

  it('holds the per-member limit when the same member tries many times at once', async () => {
    const r = await reward({ kind: 'lottery_entry', name: '抽獎券', perMemberLimit: 2 });
    const m = await newMember(admin, '陳志明');
    const results = await Promise.all(Array.from({ length: 8 }, () => redeemReward(r.rewardId, m)));
    expect(results.filter((res) => res.statusCode === 200)).toHaveLength(2);
    expectError(
      results.find((res) => res.statusCode !== 200)!,
      409,
      'reward.limit_reached',
    );
  });

  it('is refused outside the reward’s dates', async () => {
    const r = await reward({
      kind: 'gift',
      name: '週年禮',
      itemName: '杯子',
      validFrom: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    const m = await newMember(admin, '王小明');
    expectError(await redeemReward(r.rewardId, m), 409, 'reward.not_available');
  });
});

describe('coupons at the till', () => {
  let member: string;
  let rewardId: string;
  const issue = async () => (await redeemReward(rewardId, member)).json().coupon;

  beforeAll(async () => {
    member = await newMember(admin, '張三');
    rewardId = (
      await reward({ kind: 'percent', name: '9 折', percentOff: 10, minSpendMinor: 50_000 })
    ).rewardId;
  });

  it('are used exactly once: of 32 tills at once, one succeeds and the rest are told it was used', async () => {
    const c = await issue();
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        useCoupon(
          i % 2 ? { code: c.code, basketMinor: 70_000 } : { qr: c.qr, basketMinor: 80_000 },
        ),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200))
      expectError(r, 409, 'coupon.already_redeemed');
    // When, as staff read it: the business's local time, not an ISO instant.
    const late = expectError(
      await useCoupon({ code: c.code, basketMinor: 80_000 }),
      409,
      'coupon.already_redeemed',
    );
    expect(late.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(late.message).not.toMatch(/\dT\d|Z\b/);
    const events = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('domain_events')
        .select('payload')
        .where('type', '=', 'coupon.redeemed')
        .execute(),
    );
    expect(
      events.filter((e) => (e.payload as { couponId: string }).couponId === c.couponId),
    ).toHaveLength(1);
  });

  it('return the same answer to a retry with the same Idempotency-Key', async () => {
    const c = await issue();
    const headers = { 'idempotency-key': `till-7-${c.couponId}` };
    const first = await useCoupon({ code: c.code, basketMinor: 60_000 }, headers);
    const retry = await useCoupon({ code: c.code, basketMinor: 60_000 }, headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().discountMinor).toBe(6_000);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
  });

  it('catch typing mistakes, altered QR codes and unmet minimum spends', async () => {
    const c = await issue();
    const typo = c.code.slice(0, -1) + (c.code.endsWith('2') ? '3' : '2');
    expectError(await useCoupon({ code: typo }), 400, 'coupon.code_invalid');
    expectError(
      await useCoupon({ qr: c.qr.replace(/.$/, (x: string) => (x === 'A' ? 'B' : 'A')) }),
      400,
      'coupon.qr_invalid',
    );
    expectError(await useCoupon({ code: 'NOT-A-CODE' }), 400, 'coupon.code_invalid');
    const min = expectError(
      await cashier.inject({
        method: 'POST',
        url: '/api/coupons/redeem',
        headers: { 'accept-language': 'zh-CN' },
        payload: { code: c.code, basketMinor: 30_000 },
      }),
      409,
      'coupon.min_spend',
    );
    expect(min.message).toContain('500.00');
    // A minimum spend needs the sale's total; a coupon is for its own member only.
    expectError(await useCoupon({ code: c.code }), 400, 'coupon.basket_needed');
    const other = await newMember(admin, '李四');
    expectError(
      await useCoupon({ code: c.code, basketMinor: 60_000, memberId: other }),
      409,
      'coupon.other_member',
    );
    const check = await cashier.inject({
      method: 'POST',
      url: '/api/coupons/check',
      payload: { code: c.code },
    });
    expect(check.json()).toMatchObject({ status: 'issued', usable: true });
  });

  it('expire at the end of their validity', async () => {
    const c = await issue();
    t.clock.advance(31 * 86_400_000);
    cashier = await signIn(t.app, 'coupons', 'customer_assistant@coupons.test');
    admin = await signIn(t.app, 'coupons', 'admin@coupons.test');
    expectError(await useCoupon({ code: c.code, basketMinor: 90_000 }), 409, 'coupon.expired');
  });
});

describe('void and reversal', () => {
  it('voiding gives the points and the stock back, once; a used coupon must be reversed first', async () => {
    const m = await newMember(admin, '李四');
    await give(m, 500, 'v1');
    const r = await reward({
      kind: 'free_item',
      name: '免費飲料',
      itemName: '紅茶',
      costPoints: 200,
      stockTotal: 3,
    });
    const c = (await redeemReward(r.rewardId, m)).json().coupon;
    expect(await balance(m)).toBe(300);
    const voided = await admin.inject({
      method: 'POST',
      url: `/api/coupons/${c.couponId}/void`,
      payload: { reason: '客人改選其他' },
    });
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: '客人改選其他' });
    await admin.inject({
      method: 'POST',
      url: `/api/coupons/${c.couponId}/void`,
      payload: { reason: 'again' },
    });
    expect(await balance(m)).toBe(500);
    const stock = (await admin.inject({ method: 'GET', url: '/api/rewards' })).json();
    expect(stock.find((x: { rewardId: string }) => x.rewardId === r.rewardId).stockLeft).toBe(3);
    expectError(await useCoupon({ code: c.code }), 409, 'coupon.void');

    const used = (await redeemReward(r.rewardId, m)).json().coupon;
    await useCoupon({ code: used.code });
    expectError(
      await admin.inject({
        method: 'POST',
        url: `/api/coupons/${used.couponId}/void`,
        payload: { reason: 'x' },
      }),
      409,
      'coupon.not_voidable',
    );
    const reversed = await cashier.inject({
      method: 'POST',
      url: `/api/coupons/${used.couponId}/reverse`,
      payload: { reason: '交易取消' },
    });
    expect(reversed.json()).toMatchObject({ status: 'issued', usable: true, redeemedAt: null });
    expect((await useCoupon({ code: used.code })).statusCode).toBe(200);
  });
});

describe('coupons issued by rules and in bulk', () => {
  it('bulk issue to a list gives each member one, and a re-sent batch issues nothing twice', async () => {
    const r = await reward({
      kind: 'fixed_amount',
      name: '回娘家禮',
      amountMinor: 10_000,
      redeemable: false,
    });
    const ms = await Promise.all(['甲', '乙', '丙'].map((n) => newMember(admin, n)));
    const send = () =>
      admin.inject({
        method: 'POST',
        url: '/api/coupons/bulk',
        payload: { rewardId: r.rewardId, memberIds: ms, batchRef: '2026-homecoming' },
      });
    expect((await send()).json()).toEqual({ issued: 3, skipped: 0, outOfStock: 0 });
    expect((await send()).json()).toEqual({ issued: 0, skipped: 3, outOfStock: 0 });
    expectError(await redeemReward(r.rewardId, ms[0]!), 409, 'reward.not_available');
  });

  it('the birthday job gives today’s birthdays (in the business’s time zone) one coupon a year', async () => {
    t.clock.set('2027-05-11T17:00:00Z'); // 2027-05-12 01:00 in Taipei
    admin = await signIn(t.app, 'coupons', 'admin@coupons.test');
    const r = await reward({ kind: 'gift', name: '生日禮', itemName: '蛋糕', redeemable: false });
    const born = await newMember(admin, '壽星', { birthday: '1987-05-12' });
    await newMember(admin, '不是今天', { birthday: '1987-05-11' });
    await admin.inject({
      method: 'PUT',
      url: '/api/reward-rules/birthday',
      payload: { rewardId: r.rewardId, active: true },
    });
    const run = () => admin.inject({ method: 'POST', url: '/api/reward-rules/birthday/run' });
    expect((await run()).json()).toEqual({ issued: 1 });
    expect((await run()).json()).toEqual({ issued: 0 });
    const list = (
      await admin.inject({ method: 'GET', url: `/api/coupons?rewardId=${r.rewardId}` })
    ).json();
    expect(list.items).toEqual([expect.objectContaining({ memberId: born, source: 'birthday' })]);
  });

  it('a tier with a perk gives its coupon on reaching the tier', async () => {
    const r = await reward({
      kind: 'gift',
      name: '金卡迎賓禮',
      itemName: '香檳',
      redeemable: false,
    });
    await admin.inject({
      method: 'POST',
      url: '/api/tiers',
      payload: { name: 'Gold', threshold: 1_000, perkRewardId: r.rewardId },
    });
    const m = await newMember(admin, '升等者');
    await admin.inject({
      method: 'POST',
      url: '/api/purchases',
      payload: { memberId: m, lines: [{ name: '火鍋', unitPriceMinor: 2_000 }] },
    });
    const { deliverEvents } = await import('../test-kit/rewards-kit');
    await deliverEvents(t, tenantId);
    const list = (await admin.inject({ method: 'GET', url: `/api/coupons?memberId=${m}` })).json();
    expect(list.items).toEqual([
      expect.objectContaining({ rewardId: r.rewardId, source: 'tier_perk' }),
    ]);
  });
});
