import { randomUUID } from 'node:crypto';
import { sql, type Tx } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TestApp } from '../../../../../../test/app';
import { clawbackPoints } from '../points/clawback';
import { pointsEarnedByMembers } from '../points/earned-facts';
import { earnPoints, pointsEarnedBetween } from '../points/ledger';
import { evaluateMemberTier } from './tier-evaluation';
import { runTierReevaluation } from './tier-reevaluation';

let t: TestApp;
const DAY = 86_400_000;
const NIGHT = '2026-03-01T18:15:00Z';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const inTx = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) => t.ctx.db.withTenant(tenantId, fn);

type Shop = { tenantId: string; ids: string[]; tiers: Record<string, string> };

/**
 * A business on the points basis with a mix of members, each holding a tier: enough points, too
 * few in the window but enough the year before, too few, more than enough (upgrade), points
 * taken back by a return (and pending points), and a grace already over.
 */
async function shop(slug: string, window: string): Promise<Shop> {
  t.clock.set('2025-01-10T04:00:00Z');
  const { tenantId } = await seedTenant(t.ctx, slug);
  const tiers = { Silver: randomUUID(), Gold: randomUUID() };
  const ids = Array.from({ length: 12 }, () => randomUUID()).sort();
  await inTx(tenantId, async (tx) => {
    await sql`INSERT INTO tiers (tenant_id, tier_id, name, threshold) VALUES
      (${tenantId}, ${tiers.Silver}, 'Silver', 100), (${tenantId}, ${tiers.Gold}, 'Gold', 500)`.execute(
      tx,
    );
    await sql`INSERT INTO tier_settings (tenant_id, basis, qualify_window, grace_days)
      VALUES (${tenantId}, 'points', ${window}, 30)`.execute(tx);
    await sql`INSERT INTO members (tenant_id, member_id, card_number, name, source)
      SELECT ${tenantId}, id, lpad(n::text, 10, '0'), 'M' || n, 'import'
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS x(id, n)`.execute(tx);
  });
  const earn = (i: number, ref: string, points: number, pending = false) =>
    inTx(tenantId, (tx) =>
      earnPoints(t.ctx, tx, {
        tenantId,
        memberId: ids[i]!,
        points,
        reason: 'r',
        source: 'test',
        sourceRef: ref,
        pending: pending ? { confirmAt: new Date(t.clock.now().getTime() + 7 * DAY) } : undefined,
      }),
    );
  const held: [number, 'Silver' | 'Gold', number | null][] = [];
  for (let i = 0; i < ids.length; i++) {
    const shape = i % 6;
    t.clock.set('2025-01-10T04:00:00Z');
    if (shape === 1) await earn(i, 'old', 600); // before the last twelve months, in 2025
    t.clock.set('2026-02-10T04:00:00Z');
    if (shape === 0) await earn(i, 'a', 600 + i);
    if (shape === 2) await earn(i, 'a', 300);
    if (shape === 3) await earn(i, 'a', 700);
    if (shape === 4) {
      const e = await earn(i, 'a', 600);
      await inTx(tenantId, (tx) =>
        clawbackPoints(t.ctx, tx, {
          tenantId,
          memberId: ids[i]!,
          earnEntryId: e.entryId,
          points: 200,
          sourceRef: 'ret',
          allowNegative: true,
        }),
      );
      await earn(i, 'p', 50, true);
    }
    if (shape === 5) await earn(i, 'a', 50);
    held.push([i, shape === 3 || shape === 5 ? 'Silver' : 'Gold', shape === 5 ? 40 : null]);
  }
  await inTx(tenantId, async (tx) => {
    for (const [i, tier, graceAgo] of held)
      await sql`INSERT INTO member_tiers (tenant_id, member_id, tier_id, status, since, below_since)
        VALUES (${tenantId}, ${ids[i]!}, ${tiers[tier]}, 'member', '2025-01-10T04:00:00Z',
          ${graceAgo === null ? null : new Date(new Date(NIGHT).getTime() - graceAgo * DAY)})`.execute(
        tx,
      );
  });
  return { tenantId, ids, tiers };
}

/** Every member's tier, history and tier events, without the ids of this business. */
async function outcome({ tenantId, ids }: Shop) {
  return inTx(tenantId, async (tx) => {
    const names = sql`(SELECT name FROM tiers x WHERE x.tier_id = `;
    const rows = [];
    for (const id of ids) {
      const tier = await sql`SELECT ${names} m.tier_id) AS tier, status, since, below_since
        FROM member_tiers m WHERE member_id = ${id}`.execute(tx);
      const history = await sql<{
        change: string;
      }>`SELECT ${names} h.from_tier_id) AS from, ${names} h.to_tier_id) AS to,
          change, value, window_from, window_to, at
        FROM tier_history h WHERE member_id = ${id} ORDER BY at`.execute(tx);
      const events = await sql`SELECT payload - 'memberId' - 'fromTierId' - 'toTierId' AS p
        FROM domain_events WHERE type = 'tier.changed' AND payload->>'memberId' = ${id}
        ORDER BY occurred_at`.execute(tx);
      rows.push({ tier: tier.rows[0], history: history.rows, events: events.rows });
    }
    return rows;
  });
}

/** Re-evaluation as it ran for points-basis tiers before: every member through the exact path. */
async function perMember({ tenantId }: Shop) {
  await inTx(tenantId, async (tx) => {
    const held = await sql<{ member_id: string }>`
      SELECT member_id FROM member_tiers WHERE status = 'member' ORDER BY member_id`.execute(tx);
    for (const { member_id } of held.rows)
      await evaluateMemberTier(t.ctx, tx, tenantId, member_id, { reevaluate: true });
  });
}

describe('points-basis tier re-evaluation, set-based', () => {
  for (const window of ['rolling_12m', 'calendar_year'])
    it(`decides as the per-member path does (${window})`, async () => {
      const now = await shop(`now-${window.slice(0, 3)}`, window);
      const before = await shop(`before-${window.slice(0, 3)}`, window);
      for (const night of [NIGHT, '2026-04-02T18:15:00Z']) {
        t.clock.set(night);
        const counts = await runTierReevaluation(t.ctx, now.tenantId);
        await perMember(before);
        expect(counts.evaluated).toBeGreaterThan(0);
        expect(await outcome(now)).toEqual(await outcome(before));
      }
      const result = await outcome(now);
      // Not the same outcome for everyone: the mix exercises upgrade, grace and lapse.
      expect(new Set(result.map((r) => r.history.map((h) => h.change).join()))).toEqual(
        new Set(['', 'upgrade', 'downgrade', 'lapse']),
      );
    });

  it('reads for many members what pointsEarnedBetween reads for one', async () => {
    const s = await shop('facts', 'rolling_12m');
    const windows: [string, string][] = [
      ['2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2025-03-01T00:00:00Z', '2026-03-01T00:00:00Z'],
      ['2026-02-10T04:00:00Z', '2026-02-10T04:00:00.001Z'],
      ['2026-02-11T00:00:00Z', '2026-02-10T00:00:00Z'],
    ];
    await inTx(s.tenantId, async (tx) => {
      for (const [a, b] of windows) {
        const [from, to] = [new Date(a), new Date(b)];
        const many = await pointsEarnedByMembers(tx, s.ids, from, to);
        for (const id of s.ids)
          expect(many.get(id) ?? 0).toBe(await pointsEarnedBetween(tx, id, from, to));
      }
    });
  });
});
