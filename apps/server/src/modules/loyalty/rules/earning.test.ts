import { EarningRuleUpdate } from '@regulars/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../../../test/app';
import { expectError } from '../../../../../../test/expect-error';
import { fieldsOf } from '../../../http/role-matrix';
import { runPointsMaintenance } from '../points/expiry';
import { sweepLoyalty } from '../points/maintenance';
import { loyaltyFixture } from '../pos/pos-kit';

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let meat: string;
let beef: string;
const DAY = 86_400_000;

beforeAll(async () => {
  f = await loyaltyFixture('earn', { work: true });
  const food = await f.ok(await f.post('/api/product-categories', { name: 'Food' }));
  const meatCat = await f.ok(
    await f.post('/api/product-categories', { name: 'Meat', parentId: food.categoryId }),
  );
  meat = food.categoryId;
  beef = (
    await f.ok(
      await f.post('/api/products', {
        sku: 'BEEF',
        name: 'Beef',
        priceMinor: 30_000,
        categoryId: meatCat.categoryId,
      }),
    )
  ).productId;
});
afterAll(() => f.t.close());

const basket = [
  { sku: 'BEEF', quantity: 2, unitPriceMinor: 30_000 },
  { name: 'Tea', quantity: 4, unitPriceMinor: 10_000 },
];

describe('earning rules', () => {
  it('add up by category, product and bonus day; the preview says the same and writes nothing', async () => {
    await f.rule({ name: 'Base' });
    await f.rule({ name: 'Meat lovers', categoryIds: [meat], points: 2 });
    await f.rule({
      name: 'Beef week',
      productIds: [beef],
      startsOn: '2026-03-01',
      endsOn: '2026-03-07',
    });
    await f.rule({ name: 'Double Tuesdays', weekdays: [2] });
    await f.rule({ name: 'Store B only', storeIds: [f.seeded.storeIds[1]!] });
    const m = await f.member('王大明');
    const preview = await f.ok(
      await f.till({ url: '/api/loyalty/preview', payload: { memberId: m, lines: basket } }),
    );
    expect(preview.awards.map((a: { name: string; points: number }) => [a.name, a.points])).toEqual(
      [
        ['Base', 10],
        ['Meat lovers', 12],
        ['Beef week', 6],
        ['Double Tuesdays', 10],
      ],
    );
    expect(preview.points).toBe(38);
    expect((await f.points(m)).available).toBe(0);
    const sale = await f.ok(await f.sale(m, 'e-1', basket));
    expect(sale.earned.points).toBe(38);
    expect(sale.earned.awards).toEqual(preview.awards);
    // The member's timeline shows the points with the rules that gave them.
    const timeline = await f.ok(await f.admin.inject({ url: `/api/members/${m}/timeline` }));
    const points = timeline.items.find((e: { kind: string }) => e.kind === 'points');
    expect(points).toMatchObject({ entryKind: 'earn', points: 38, balanceAfter: 38 });
    expect(points.rules).toEqual(['Base', 'Meat lovers', 'Beef week', 'Double Tuesdays']);
  });

  it('apply per-member caps per rule and for the programme, and budgets', async () => {
    const rules = await f.ok(await f.admin.inject({ url: '/api/loyalty/rules' }));
    for (const r of rules as { ruleId: string }[]) {
      const body = fieldsOf(EarningRuleUpdate, r);
      const ruleId = r.ruleId;
      await f.ok(
        await f.admin.inject({
          method: 'PUT',
          url: `/api/loyalty/rules/${ruleId}`,
          payload: { ...body, active: false },
        }),
      );
    }
    const review = await f.rule({
      name: 'Review',
      kind: 'action',
      action: 'review',
      points: 30,
      perAmountMinor: null,
      capPerMember: 50,
      capPeriod: 'month',
    });
    const m = await f.member('李小華');
    const act = (ref: string) =>
      f.till({ url: '/api/loyalty/actions', payload: { memberId: m, action: 'review', ref } });
    expect((await f.ok(await act('r1'))).points).toBe(30);
    expect((await f.ok(await act('r1'))).points).toBe(30); // the same review again: no new points
    const capped = await f.ok(await act('r2'));
    expect(capped.points).toBe(20);
    expect(capped.awards[0].limitedBy).toBe('rule_cap');
    expect((await f.ok(await act('r3'))).points).toBe(0);
    expect((await f.points(m)).available).toBe(50);
    // The programme's own per-member cap, and a budget that runs out.
    await f.program({ memberCapPoints: 10, memberCapPeriod: 'day' });
    const checkIn = await f.rule({
      name: 'Check-in',
      kind: 'action',
      action: 'check_in',
      points: 8,
      perAmountMinor: null,
      budgetPoints: 12,
    });
    const n = await f.member('張小英');
    const checkInOf = (memberId: string) =>
      f.till({ url: '/api/loyalty/actions', payload: { memberId, action: 'check_in' } });
    expect((await f.ok(await checkInOf(n))).points).toBe(8);
    expect((await f.ok(await checkInOf(n))).points).toBe(8); // once a day: the same check-in
    f.t.clock.advance(DAY);
    const second = await f.ok(await checkInOf(n));
    expect([second.points, second.awards[0].limitedBy]).toEqual([4, 'rule_budget']);
    await f.program({ memberCapPoints: null });
    f.t.clock.advance(DAY);
    expect((await f.ok(await checkInOf(n))).points).toBe(0);
    expect(review.ruleId).toBeTruthy();
    expect(checkIn.ruleId).toBeTruthy();
  });

  it("explain bad rules in the caller's language", async () => {
    const res = await f.admin.inject({
      method: 'POST',
      url: '/api/loyalty/rules',
      headers: { 'accept-language': 'zh-TW' },
      payload: {
        name: 'x',
        kind: 'spend',
        points: 1,
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
      },
    });
    expect(expectError(res, 400, 'rule.invalid').message).toContain('每消費金額');
  });
});

describe('pending points, expiry and purchases from elsewhere', () => {
  it('keeps purchase points pending through the return window, then confirms them', async () => {
    await f.rule({ name: 'Base again' });
    await f.program({ returnWindowDays: 7, expiryPolicy: 'end_of_month', expiryPeriod: 0 });
    const m = await f.member('陳小春');
    const sale = await f.ok(await f.sale(m, 'p-1', [{ name: 'Pot', unitPriceMinor: 50_000 }]));
    expect(sale.earned).toMatchObject({ points: 5, pending: true });
    expect(sale.balance).toMatchObject({ available: 0, pending: 5 });
    f.t.clock.advance(6 * DAY);
    await runPointsMaintenance(f.t.ctx, f.seeded.tenantId);
    expect((await f.points(m)).pending).toBe(5);
    f.t.clock.advance(DAY);
    await sweepLoyalty(f.t.ctx);
    await sweepLoyalty(f.t.ctx);
    expect(await f.points(m)).toMatchObject({ available: 5, pending: 0 });
    // Earned 3 March (Taipei): they lapse as March ends there, by the job, once.
    expect((await f.points(m)).expiringSoon).toEqual([
      { points: 5, at: '2026-03-31T16:00:00.000Z' },
    ]);
    f.t.clock.set('2026-03-31T15:59:00Z');
    await runPointsMaintenance(f.t.ctx, f.seeded.tenantId);
    expect((await f.points(m)).available).toBe(5);
    f.t.clock.set('2026-03-31T16:00:00Z');
    await runPointsMaintenance(f.t.ctx, f.seeded.tenantId);
    await runPointsMaintenance(f.t.ctx, f.seeded.tenantId);
    expect((await f.points(m)).available).toBe(0);
    const history = await f.ok(await f.admin.inject({ url: `/api/members/${m}/points/entries` }));
    expect(history.items.map((e: { kind: string }) => e.kind)).toEqual([
      'expire',
      'confirm',
      'earn',
    ]);
    await f.program({ returnWindowDays: 0, expiryPolicy: 'never' });
  });

  it('earns for purchases recorded outside the till, once, through the purchase event', async () => {
    const m = await f.member('黃小琥');
    const res = await f.post('/api/purchases', {
      memberId: m,
      externalId: 'web-1',
      lines: [{ name: 'Gift box', unitPriceMinor: 20_000 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    let available = 0;
    for (let i = 0; i < 60 && available === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      available = (await f.points(m)).available;
    }
    expect(available).toBe(2);
  });
});

describe('manual adjustment', () => {
  it('needs its permission and a reason, never goes below zero, and is audited', async () => {
    const m = await f.member('周杰');
    const assistant = await signIn(f.t.app, 'earn', f.seeded.emails.customer_assistant);
    const manager = await signIn(f.t.app, 'earn', f.seeded.emails.customer_manager);
    const url = `/api/members/${m}/points/adjustments`;
    expectError(
      await assistant.inject({ method: 'POST', url, payload: { points: 5, reason: 'x' } }),
      403,
      'permission.denied',
    );
    expectError(
      await manager.inject({ method: 'POST', url, payload: { points: 5, reason: '' } }),
      400,
      'request.invalid',
    );
    const added = await f.ok(
      await manager.inject({
        method: 'POST',
        url,
        payload: { points: 50, reason: 'Apology for a late order' },
      }),
    );
    expect(added.balance.available).toBe(50);
    expectError(
      await manager.inject({ method: 'POST', url, payload: { points: -51, reason: 'Correction' } }),
      409,
      'points.insufficient',
    );
    const taken = await f.ok(
      await manager.inject({ method: 'POST', url, payload: { points: -20, reason: 'Correction' } }),
    );
    expect(taken.balance.available).toBe(30);
    const audit = await f.ok(
      await f.admin.inject({ url: '/api/audit-log?action=points.adjusted' }),
    );
    const items = audit.items ?? audit;
    expect(items.filter((a: { action: string }) => a.action === 'points.adjusted')).toHaveLength(2);
    const history = await f.ok(await f.admin.inject({ url: `/api/members/${m}/points/entries` }));
    expect(history.items[0]).toMatchObject({
      kind: 'adjust',
      points: -20,
      reason: 'Correction',
      actorType: 'staff',
    });
  });
});
