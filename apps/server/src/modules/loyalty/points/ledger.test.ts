import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../../test/app';
import { AppError } from '../../../http/errors';
import { runPointsMaintenance } from './expiry';
import {
  earnPoints,
  pointsBalance,
  pointsEarnedBetween,
  reversePoints,
  spendPoints,
} from './ledger';

let t: TestApp;
let tenantId: string;
const members: string[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-01T02:00:00Z');
  tenantId = (await seedTenant(t.ctx, 'ledger')).tenantId;
  const admin = await signIn(t.app, 'ledger', 'admin@ledger.test');
  for (const name of ['甲', '乙', '丙']) {
    const res = await admin.inject({ method: 'POST', url: '/api/members', payload: { name } });
    members.push(res.json().memberId);
  }
});
afterAll(() => t.close());

const inTx = <T>(fn: Parameters<typeof t.ctx.db.withTenant<T>>[1]) =>
  t.ctx.db.withTenant(tenantId, fn);

/** Small deterministic generator, so a failure can be replayed from its seed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Balance equals the ledger; batches agree with it and never go below zero. */
async function checkInvariant(memberId: string) {
  const r = await inTx(async (tx) => {
    const ledger = await sql<{ points: number; pending: number }>`
      SELECT coalesce(sum(points), 0)::int AS points, coalesce(sum(pending_points), 0)::int AS pending
      FROM points_entries WHERE member_id = ${memberId}`.execute(tx);
    const batches = await sql<{ active: number; pending: number; negative: number }>`
      SELECT coalesce(sum(remaining) FILTER (WHERE status = 'active'), 0)::int AS active,
             coalesce(sum(remaining) FILTER (WHERE status = 'pending'), 0)::int AS pending,
             count(*) FILTER (WHERE remaining < 0)::int AS negative
      FROM points_batches WHERE member_id = ${memberId}`.execute(tx);
    return {
      ledger: ledger.rows[0]!,
      batches: batches.rows[0]!,
      bal: await pointsBalance(tx, memberId),
    };
  });
  expect(r.bal.available).toBe(r.ledger.points);
  expect(r.bal.pending).toBe(r.ledger.pending);
  expect(r.batches.active).toBe(Math.max(r.bal.available, 0));
  expect(r.batches.pending).toBe(r.bal.pending);
  expect(r.batches.negative).toBe(0);
  return r.bal;
}

describe('points ledger', () => {
  it('spends the soonest-expiring batch first, never-expiring last', async () => {
    const m = members[0]!;
    const now = t.clock.now().getTime();
    await inTx(async (tx) => {
      await earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 100,
        reason: 'r',
        source: 't',
        sourceRef: 'never',
        expiresAt: null,
      });
      await earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 30,
        reason: 'r',
        source: 't',
        sourceRef: 'late',
        expiresAt: new Date(now + 60 * DAY),
      });
      await earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 20,
        reason: 'r',
        source: 't',
        sourceRef: 'soon',
        expiresAt: new Date(now + 10 * DAY),
      });
      const spent = await spendPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 40,
        reason: 'r',
        source: 't',
        sourceRef: 's1',
      });
      expect(spent.balance).toBe(110);
      const left = await sql<{ source_ref: string; remaining: number }>`
        SELECT e.source_ref, b.remaining FROM points_batches b JOIN points_entries e USING (tenant_id, entry_id)
        WHERE b.member_id = ${m} ORDER BY e.source_ref`.execute(tx);
      expect(left.rows).toEqual([
        { source_ref: 'late', remaining: 10 },
        { source_ref: 'never', remaining: 100 },
        { source_ref: 'soon', remaining: 0 },
      ]);
      const bal = await pointsBalance(tx, m);
      expect(bal.expiringSoon).toEqual([
        { points: 10, at: new Date(now + 60 * DAY).toISOString() },
      ]);
    });
    await checkInvariant(m);
  });

  it('applies the same source reference once, and refuses to overspend', async () => {
    const m = members[1]!;
    await inTx(async (tx) => {
      const a = await earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 50,
        reason: 'r',
        source: 'purchase',
        sourceRef: 'p1',
      });
      const b = await earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 50,
        reason: 'r',
        source: 'purchase',
        sourceRef: 'p1',
      });
      expect(b).toEqual({ entryId: a.entryId, balance: 50, created: false });
      await expect(
        spendPoints(t.ctx, tx, {
          tenantId,
          memberId: m,
          points: 51,
          reason: 'r',
          source: 'coupon',
          sourceRef: 'c1',
        }),
      ).rejects.toMatchObject({ code: 'points.insufficient' });
    });
    await checkInvariant(m);
  });

  it('never overdraws under concurrent spending', async () => {
    const m = members[1]!;
    const tries = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        inTx((tx) =>
          spendPoints(t.ctx, tx, {
            tenantId,
            memberId: m,
            points: 20,
            reason: 'r',
            source: 'coupon',
            sourceRef: `race-${i}`,
          }),
        ),
      ),
    );
    expect(tries.filter((x) => x.status === 'fulfilled')).toHaveLength(2);
    const bal = await checkInvariant(m);
    expect(bal.available).toBe(10);
  });

  it('keeps balance equal to the ledger through many random operations', async () => {
    const m = members[2]!;
    const rand = prng(20260301);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const spends: string[] = [];
    const from = t.clock.now();
    let earned = 0;
    let firstEarn: string | null = null;
    for (let i = 0; i < 300; i++) {
      const op = pick(['earn', 'earn', 'pending', 'spend', 'spend', 'reverse', 'retry', 'time']);
      const points = 1 + Math.floor(rand() * 60);
      const ref = `op-${i}`;
      const now = t.clock.now().getTime();
      if (op === 'earn' || op === 'pending') {
        const expiresAt = pick([null, new Date(now + (1 + Math.floor(rand() * 20)) * DAY)]);
        const pending = op === 'pending' ? { confirmAt: new Date(now + 3 * DAY) } : undefined;
        await inTx((tx) =>
          earnPoints(t.ctx, tx, {
            tenantId,
            memberId: m,
            points,
            reason: 'r',
            source: 'random',
            sourceRef: ref,
            expiresAt,
            pending,
          }),
        );
        earned += points;
        firstEarn ??= ref;
      } else if (op === 'spend') {
        const before = (await inTx((tx) => pointsBalance(tx, m))).available;
        try {
          await inTx((tx) =>
            spendPoints(t.ctx, tx, {
              tenantId,
              memberId: m,
              points,
              reason: 'r',
              source: 'random',
              sourceRef: ref,
            }),
          );
          expect(before).toBeGreaterThanOrEqual(points);
          spends.push(ref);
        } catch (err) {
          expect((err as AppError).code).toBe('points.insufficient');
          // Refused exactly when the balance is too small (the sweep just ran: nothing is due).
          expect(before).toBeLessThan(points);
        }
      } else if (op === 'reverse' && spends.length) {
        const sref = spends.splice(Math.floor(rand() * spends.length), 1)[0]!;
        await inTx(async (tx) => {
          const e = await tx
            .selectFrom('points_entries')
            .select('entry_id')
            .where('source_ref', '=', sref)
            .where('kind', '=', 'spend')
            .executeTakeFirstOrThrow();
          await reversePoints(t.ctx, tx, { tenantId, entryId: e.entry_id, reason: 'void' });
          await reversePoints(t.ctx, tx, { tenantId, entryId: e.entry_id, reason: 'void' });
        });
      } else if (op === 'retry' && firstEarn) {
        await inTx((tx) =>
          earnPoints(t.ctx, tx, {
            tenantId,
            memberId: m,
            points: 999,
            reason: 'r',
            source: 'random',
            sourceRef: firstEarn ?? '',
          }),
        );
      } else {
        t.clock.advance(Math.floor(rand() * 4 * DAY));
        await runPointsMaintenance(t.ctx, tenantId);
        await runPointsMaintenance(t.ctx, tenantId);
      }
      await checkInvariant(m);
    }
    const total = await inTx((tx) =>
      pointsEarnedBetween(tx, m, from, new Date(t.clock.now().getTime() + 1)),
    );
    expect(total).toBe(earned);
  });

  it('refuses amounts that are not positive whole numbers', async () => {
    await expect(
      inTx((tx) =>
        earnPoints(t.ctx, tx, {
          tenantId,
          memberId: members[0]!,
          points: 1.5,
          reason: 'r',
          source: 't',
          sourceRef: 'x',
        }),
      ),
    ).rejects.toMatchObject({ code: 'points.invalid_amount' });
  });
});
