import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loyaltyFixture } from '../pos/pos-kit';
import { earnForPurchase } from './earning';

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let tenantId: string;
beforeAll(async () => {
  f = await loyaltyFixture('race'); // no worker: only the earnings this test runs happen
  tenantId = f.seeded.tenantId;
});
afterAll(() => f.t.close());

const inTenant = <T>(fn: Parameters<typeof f.t.ctx.db.withTenant<T>>[1]) =>
  f.t.ctx.db.withTenant(tenantId, fn);

describe('earning a purchase twice at the same moment', () => {
  it('writes it once, and the one that waited gives its budgets back and answers the first', async () => {
    const rule = await f.rule({ name: 'Budgeted', budgetPoints: 1_000 });
    await f.program({ budgetPoints: 5_000 });
    const m = await f.member('陳奕');
    const purchase = await f.ok(
      await f.post('/api/purchases', {
        memberId: m,
        externalId: 'race-1',
        lines: [{ name: 'Hot pot for two', unitPriceMinor: 120_000 }],
      }),
    );
    const earn = () =>
      inTenant((tx) => earnForPurchase(f.t.ctx, tx, tenantId, String(purchase.purchaseId)));

    // The first earns and holds its transaction open; the second starts meanwhile (it cannot see
    // the first's uncommitted entry) and waits for the member's balance lock.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let earned!: () => void;
    const firstEarned = new Promise<void>((r) => (earned = r));
    const first = inTenant(async (tx) => {
      const e = await earnForPurchase(f.t.ctx, tx, tenantId, String(purchase.purchaseId));
      earned();
      await gate;
      return e;
    });
    await firstEarned;
    const second = earn();
    await new Promise((r) => setTimeout(r, 300));
    release();
    const [a, b] = await Promise.all([first, second]);

    expect(a.points).toBe(12);
    expect(b).toEqual(a);
    expect(await earn()).toEqual(a); // and a later retry finds it too
    const state = await inTenant(async (tx) => {
      const r = await sql<{ entries: number; ledger: number; available: number }>`
        SELECT (SELECT count(*)::int FROM points_entries WHERE member_id = ${m}) AS entries,
               (SELECT sum(points)::int FROM points_entries WHERE member_id = ${m}) AS ledger,
               (SELECT available FROM points_balances WHERE member_id = ${m}) AS available`.execute(
        tx,
      );
      const budgets = await sql<{ rule: number; program: number }>`
        SELECT (SELECT awarded_points FROM earning_rules WHERE rule_id = ${rule.ruleId}) AS rule,
               (SELECT awarded_points FROM loyalty_programs) AS program`.execute(tx);
      return { ...r.rows[0]!, ...budgets.rows[0]! };
    });
    expect(state).toEqual({ entries: 1, ledger: 12, available: 12, rule: 12, program: 12 });
  });
});

describe('the day a purchase counts for', () => {
  it("is its local day in the business's time zone, not the UTC one", async () => {
    await f.rule({ name: 'Tuesday bonus', weekdays: [2] });
    const m = await f.member('林宥');
    const earnAt = async (externalId: string, occurredAt: string) => {
      const p = await f.ok(
        await f.post('/api/purchases', {
          memberId: m,
          externalId,
          occurredAt,
          lines: [{ name: 'Set meal', unitPriceMinor: 100_000 }],
        }),
      );
      const e = await inTenant((tx) =>
        earnForPurchase(f.t.ctx, tx, tenantId, String(p.purchaseId)),
      );
      return e.awards.map((a) => a.name).sort();
    };
    // Monday 17:30 UTC is Tuesday 01:30 in Taipei; Tuesday 16:30 UTC is Wednesday 00:30 there.
    expect(await earnAt('late-1', '2026-03-02T17:30:00Z')).toEqual(['Budgeted', 'Tuesday bonus']);
    expect(await earnAt('late-2', '2026-03-03T16:30:00Z')).toEqual(['Budgeted']);
  });
});
