import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../../../../../test/expect-error';
import { loyaltyFixture } from './pos-kit';

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let wang: string;
const hotPot = [
  { name: 'Beef', quantity: 2, unitPriceMinor: 30_000 },
  { name: 'Tea', quantity: 4, unitPriceMinor: 10_000 },
];

beforeAll(async () => {
  f = await loyaltyFixture('till');
  await f.rule({ name: 'Base: 1 point per NT$100' });
  wang = await f.member('王小明');
});
afterAll(() => f.t.close());

describe('the till', () => {
  it('records a purchase and earns its points in one go, explaining which rule gave them', async () => {
    const body = await f.ok(await f.sale(wang, 'sale-1', hotPot, 'k-1'));
    expect(body.purchase.totalMinor).toBe(100_000);
    expect(body.earned.points).toBe(10);
    expect(body.earned.awards).toMatchObject([
      {
        name: 'Base: 1 point per NT$100',
        points: 10,
        lines: [
          { lineNo: 1, points: 6 },
          { lineNo: 2, points: 4 },
        ],
      },
    ]);
    expect(body.balance.available).toBe(10);
    const history = await f.ok(
      await f.admin.inject({ url: `/api/members/${wang}/points/entries` }),
    );
    expect(history.items[0]).toMatchObject({ kind: 'earn', points: 10, source: 'purchase' });
    expect(history.items[0].awards[0].name).toBe('Base: 1 point per NT$100');
  });

  it('never counts a retry twice: same key replays, same external id finds the first', async () => {
    const again = await f.sale(wang, 'sale-1', hotPot, 'k-1');
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await f.ok(await f.sale(wang, 'sale-1', hotPot, 'k-other'));
    expect(other.earned.points).toBe(10);
    expect(other.balance.available).toBe(10);
    expect((await f.points(wang)).available).toBe(10);
  });

  it('counts a sale once when ten retries arrive at the same moment, with or without a key', async () => {
    const lee = await f.member('李大同');
    const sameKey = await Promise.all(
      Array.from({ length: 10 }, () => f.sale(lee, 'burst-1', hotPot, 'burst-key')),
    );
    expect(sameKey.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of sameKey) expect([200, 409]).toContain(r.statusCode);
    const fresh = await Promise.all(
      Array.from({ length: 10 }, (_, i) => f.sale(lee, 'burst-2', hotPot, `burst-${i}`)),
    );
    for (const r of fresh) expect(r.statusCode, r.body).toBe(200);
    expect((await f.points(lee)).available).toBe(20);
    const counts = await f.t.ctx.db.withTenant(f.seeded.tenantId, (tx) =>
      sql<{ purchases: number; entries: number }>`
        SELECT (SELECT count(*) FROM purchases WHERE member_id = ${lee})::int AS purchases,
               (SELECT count(*) FROM points_entries WHERE member_id = ${lee})::int AS entries`.execute(
        tx,
      ),
    );
    expect(counts.rows[0]).toEqual({ purchases: 2, entries: 2 });
  });

  it('spends points and refuses more than the balance', async () => {
    const spent = await f.ok(
      await f.till({
        url: '/api/pos/points/spend',
        payload: { memberId: wang, points: 4, externalId: 'pay-1' },
      }),
    );
    expect(spent.balance.available).toBe(6);
    const again = await f.ok(
      await f.till({
        url: '/api/pos/points/spend',
        payload: { memberId: wang, points: 4, externalId: 'pay-1' },
      }),
    );
    expect(again.balance.available).toBe(6);
    // The same id for another amount is a mistake at the till, not a retry: refused, nothing spent.
    expectError(
      await f.till({
        url: '/api/pos/points/spend',
        payload: { memberId: wang, points: 5, externalId: 'pay-1' },
      }),
      409,
      'points.external_id_conflict',
    );
    const err = expectError(
      await f.till({
        url: '/api/pos/points/spend',
        payload: { memberId: wang, points: 7, externalId: 'pay-2' },
      }),
      409,
      'points.insufficient',
    );
    expect(err.message).toContain('6');
  });
});

const spending = async (memberId: string) => {
  const s = await f.t.ctx.db.withTenant(f.seeded.tenantId, (tx) =>
    tx
      .selectFrom('member_stats')
      .select(['purchase_count', 'total_spent_minor'])
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow(),
  );
  return { count: s.purchase_count, spent: Number(s.total_spent_minor) };
};

describe('returns', () => {
  it('take back points by line, in proportion, exactly over several partial returns', async () => {
    const chen = await f.member('陳美麗');
    const sale = await f.ok(await f.sale(chen, 'sale-r', hotPot));
    const r1 = await f.ok(
      await f.till({
        url: '/api/pos/returns',
        payload: {
          purchaseExternalId: 'sale-r',
          externalId: 'ret-1',
          lines: [{ lineNo: 2, quantity: 1 }],
        },
      }),
    );
    expect(r1).toMatchObject({ amountMinor: 10_000, pointsTakenBack: 1 });
    const r1again = await f.ok(
      await f.till({
        url: '/api/pos/returns',
        payload: {
          purchaseExternalId: 'sale-r',
          externalId: 'ret-1',
          lines: [{ lineNo: 2, quantity: 1 }],
        },
      }),
    );
    expect(r1again.returnId).toBe(r1.returnId);
    expect(await spending(chen)).toEqual({ count: 1, spent: 90_000 });
    expectError(
      await f.till({
        url: '/api/pos/returns',
        payload: {
          purchaseId: sale.purchase.purchaseId,
          externalId: 'ret-x',
          lines: [{ lineNo: 2, quantity: 4 }],
        },
      }),
      409,
      'return.too_many',
    );
    expectError(
      await f.till({
        url: '/api/pos/returns',
        payload: {
          purchaseId: sale.purchase.purchaseId,
          externalId: 'ret-y',
          lines: [{ lineNo: 9, quantity: 1 }],
        },
      }),
      400,
      'return.unknown_line',
    );
    const rest = await f.ok(
      await f.till({
        url: '/api/pos/returns',
        payload: { purchaseId: sale.purchase.purchaseId, externalId: 'ret-2' },
      }),
    );
    expect(rest.pointsTakenBack).toBe(9);
    expect(rest.balance.available).toBe(0);
    // The member's spending figures lose what came back, once; the visit still counts.
    expect(await spending(chen)).toEqual({ count: 1, spent: 0 });
  });

  it('leave a debt paid off by later earning, or are refused, as the programme says', async () => {
    const lin = await f.member('林志玲');
    await f.ok(await f.sale(lin, 'sale-d', hotPot));
    await f.ok(
      await f.till({
        url: '/api/pos/points/spend',
        payload: { memberId: lin, points: 8, externalId: 'pay-d' },
      }),
    );
    await f.program({ allowNegativeBalance: false });
    const refused = expectError(
      await f.till({
        url: '/api/pos/returns',
        payload: { purchaseExternalId: 'sale-d', externalId: 'ret-d' },
      }),
      409,
      'points.refund_refused',
    );
    expect(refused.message).toMatch(/10.*2/);
    await f.program({ allowNegativeBalance: true });
    const ret = await f.ok(
      await f.till({
        url: '/api/pos/returns',
        payload: { purchaseExternalId: 'sale-d', externalId: 'ret-d' },
      }),
    );
    expect(ret.balance.available).toBe(-8);
    const next = await f.ok(await f.sale(lin, 'sale-d2', hotPot));
    expect(next.balance.available).toBe(2);
    const p = await f.points(lin);
    expect(p.batches).toMatchObject([{ earned: 10, remaining: 2 }]);
  });
});

describe('stored value', () => {
  it('tops up, pays and refunds on its own ledger, never below zero, each once', async () => {
    const m = await f.member('張三');
    const top = await f.ok(
      await f.till({
        url: '/api/pos/stored-value/top-ups',
        payload: { memberId: m, amountMinor: 100_000, externalId: 'top-1' },
      }),
    );
    expect(top.balanceMinor).toBe(100_000);
    await f.ok(
      await f.till({
        url: '/api/pos/stored-value/top-ups',
        payload: { memberId: m, amountMinor: 100_000, externalId: 'top-1' },
      }),
    );
    const pay = await f.ok(
      await f.till({
        url: '/api/pos/stored-value/spends',
        payload: { memberId: m, amountMinor: 30_000, externalId: 'sv-1' },
      }),
    );
    expect(pay.balanceMinor).toBe(70_000);
    expectError(
      await f.till({
        url: '/api/pos/stored-value/spends',
        payload: { memberId: m, amountMinor: 70_001, externalId: 'sv-2' },
      }),
      409,
      'stored_value.insufficient',
    );
    const back = await f.ok(
      await f.till({
        url: '/api/pos/stored-value/refunds',
        payload: { spendExternalId: 'sv-1', amountMinor: 20_000, externalId: 'svr-1' },
      }),
    );
    expect(back.balanceMinor).toBe(90_000);
    expectError(
      await f.till({
        url: '/api/pos/stored-value/refunds',
        payload: { spendExternalId: 'sv-1', amountMinor: 10_001, externalId: 'svr-2' },
      }),
      409,
      'stored_value.refund_too_large',
    );
    expectError(
      await f.till({
        url: '/api/pos/stored-value/spends',
        payload: { memberId: m, amountMinor: 5, externalId: 'sv-1' },
      }),
      409,
      'stored_value.external_id_conflict',
    );
    const account = await f.ok(await f.admin.inject({ url: `/api/members/${m}/stored-value` }));
    expect(account.balanceMinor).toBe(90_000);
    expect(account.entries.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'refund',
      'spend',
      'top_up',
    ]);
    expect((await f.points(m)).available).toBe(0);
  });

  it('never overdraws under concurrent payments', async () => {
    const m = await f.member('李四');
    await f.ok(
      await f.till({
        url: '/api/pos/stored-value/top-ups',
        payload: { memberId: m, amountMinor: 50_000, externalId: 'top-c' },
      }),
    );
    const pays = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        f.till({
          url: '/api/pos/stored-value/spends',
          payload: { memberId: m, amountMinor: 20_000, externalId: `c-${i}` },
        }),
      ),
    );
    expect(pays.filter((r) => r.statusCode === 200)).toHaveLength(2);
    const account = await f.ok(await f.admin.inject({ url: `/api/members/${m}/stored-value` }));
    expect(account.balanceMinor).toBe(10_000);
  });
});
