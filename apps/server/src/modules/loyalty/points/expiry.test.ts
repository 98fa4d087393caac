import { randomUUID } from 'node:crypto';
import { sql, type Tx } from '@regulars/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TestApp } from '../../../../../../test/app';
import type { AppError } from '../../../http/errors';
import { clawbackPoints } from './clawback';
import { confirmMemberBatches, expireMemberBatches, runPointsMaintenance } from './expiry';
import { earnPoints, spendPoints } from './ledger';
import { lockBalance } from './ledger-store';

let t: TestApp;
const DAY = 86_400_000;
const START = '2026-03-01T02:00:00Z';

beforeAll(async () => {
  // A subscriber of the maintenance's events: each one recorded must have its delivery queued.
  t = await createTestApp({
    setup: (ctx) =>
      ctx.events.subscribe({
        name: 'test.points-maintenance',
        types: ['points.expired', 'points.confirmed'],
        handle: async () => undefined,
      }),
  });
  t.clock.set(START);
});
afterAll(() => t.close());

const inTx = <T>(tenantId: string, fn: (tx: Tx) => Promise<T>) => t.ctx.db.withTenant(tenantId, fn);

async function newTenant(slug: string, members: number) {
  const { tenantId } = await seedTenant(t.ctx, slug);
  const ids = Array.from({ length: members }, () => randomUUID()).sort();
  await inTx(tenantId, (tx) =>
    sql`INSERT INTO members (tenant_id, member_id, card_number, name, source)
        SELECT ${tenantId}, id, lpad(n::text, 10, '0'), 'M' || n, 'import'
        FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS x(id, n)`.execute(tx),
  );
  return { tenantId, ids };
}

/** The nightly run as it was before: member by member, each under its balance lock. */
async function perMemberMaintenance(tenantId: string) {
  const now = t.clock.now();
  for (const step of ['confirm', 'expire'] as const)
    await inTx(tenantId, async (tx) => {
      const due = await sql<{ member_id: string }>`
        SELECT DISTINCT member_id FROM points_batches WHERE ${
          step === 'confirm'
            ? sql`status = 'pending' AND confirm_at <= ${now}`
            : sql`status = 'active' AND remaining > 0 AND expires_at <= ${now}`
        }`.execute(tx);
      for (const { member_id } of due.rows) {
        const bal = await lockBalance(tx, tenantId, member_id);
        const fn = step === 'confirm' ? confirmMemberBatches : expireMemberBatches;
        await fn(t.ctx, tx, tenantId, member_id, now, bal);
      }
    });
}

const at = (days: number) => new Date(new Date(START).getTime() + days * DAY);

/**
 * The same history for every member shape: several batches expiring, one partly spent, pending
 * points confirming (in order, paying off a debt first), never-expiring points and nothing due.
 */
async function history(tenantId: string, ids: string[]) {
  const earn = (i: number, ref: string, points: number, expires: number | null, confirm?: number) =>
    inTx(tenantId, (tx) =>
      earnPoints(t.ctx, tx, {
        tenantId,
        memberId: ids[i]!,
        points,
        reason: 'r',
        source: 'test',
        sourceRef: ref,
        expiresAt: expires === null ? null : at(expires),
        pending: confirm === undefined ? undefined : { confirmAt: at(confirm) },
      }),
    );
  const spend = (i: number, ref: string, points: number) =>
    inTx(tenantId, (tx) =>
      spendPoints(t.ctx, tx, {
        tenantId,
        memberId: ids[i]!,
        points,
        reason: 'r',
        source: 'test',
        sourceRef: ref,
      }),
    );
  for (let i = 0; i < ids.length; i++) {
    const shape = i % 4;
    if (shape === 0) {
      await earn(i, 'a', 100, 5);
      await earn(i, 'b', 40, 5.2);
      await earn(i, 'e', 15, 5.3);
      await earn(i, 'c', 70, 30);
      await earn(i, 'd', 9, null);
      await spend(i, 's', 130); // a emptied, b partly spent: b and e lapse together
    } else if (shape === 1) {
      // In debt: spent, then the purchase returned; two pending batches pay it off in order.
      const e = await earn(i, 'a', 100, 5);
      await spend(i, 's', 100);
      await inTx(tenantId, (tx) =>
        clawbackPoints(t.ctx, tx, {
          tenantId,
          memberId: ids[i]!,
          earnEntryId: e.entryId,
          points: 100,
          sourceRef: 'ret',
          allowNegative: true,
        }),
      );
      await earn(i, 'p1', 60, 40, 3);
      await earn(i, 'p2', 80, 4, 2);
      await earn(i, 'p3', 25, 50, 20);
    } else if (shape === 2) {
      await earn(i, 'p1', 30, 4, 2);
      await earn(i, 'a', 55, 5);
      await earn(i, 'b', 20, 30);
    } else {
      await earn(i, 'a', 10, 60);
    }
  }
}

type Snap = Record<string, unknown>;

/** Everything the run wrote, member by member (in `ids` order), without ids of its own. */
async function snapshot(tenantId: string, ids: string[]): Promise<Snap[]> {
  return inTx(tenantId, async (tx) => {
    const out: Snap[] = [];
    for (const id of ids) {
      const bal =
        await sql`SELECT available, pending FROM points_balances WHERE member_id = ${id}`.execute(
          tx,
        );
      const entries = await sql<{
        ref: string;
        points: number;
        balance_after: number;
        occurred_at: Date;
      }>`
        SELECT e.kind, e.points, e.pending_points, e.reason, e.source, e.actor_type,
               e.details - 'takesBackFrom' AS details,
               e.occurred_at, e.balance_after, coalesce(src.source_ref, e.source_ref) AS ref
        FROM points_entries e
        LEFT JOIN points_batches b ON e.kind IN ('expire', 'confirm') AND b.batch_id::text = e.source_ref
        LEFT JOIN points_entries src ON src.entry_id = b.entry_id
        WHERE e.member_id = ${id} ORDER BY e.seq`.execute(tx);
      // Each entry's balance follows from the one before (whatever order a run wrote them in).
      let running = 0;
      for (const e of entries.rows) {
        running += e.points;
        expect(e.balance_after).toBe(running);
      }
      const batches = await sql`
        SELECT e.source_ref AS ref, b.status, b.earned, b.remaining, b.expires_at
        FROM points_batches b JOIN points_entries e ON e.entry_id = b.entry_id
        WHERE b.member_id = ${id} ORDER BY e.source_ref`.execute(tx);
      const events = await sql`
        SELECT type, payload - 'memberId' AS payload FROM domain_events
        WHERE type IN ('points.expired', 'points.confirmed') AND payload->>'memberId' = ${id}
        ORDER BY occurred_at, type`.execute(tx);
      out.push({
        balance: bal.rows[0],
        entries: entries.rows
          .map(({ balance_after: _, ...e }) => e)
          .sort((a, b) =>
            `${a.occurred_at.toISOString()}${a.ref}`.localeCompare(
              `${b.occurred_at.toISOString()}${b.ref}`,
            ),
          ),
        batches: batches.rows,
        events: events.rows,
      });
    }
    return out;
  });
}

/** One expire entry per expired batch, one confirm entry per confirmed batch, at most. */
async function onceEach(tenantId: string) {
  const r = await inTx(tenantId, (tx) =>
    sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT source_ref FROM points_entries WHERE kind IN ('expire', 'confirm')
        GROUP BY kind, source_ref HAVING count(*) > 1) x`.execute(tx),
  );
  expect(r.rows[0]!.n).toBe(0);
}

describe('nightly points maintenance, set-based', () => {
  let before: { tenantId: string; ids: string[] };
  let now: { tenantId: string; ids: string[] };

  it('writes what the per-member run wrote: batches, entries, balances, events', async () => {
    before = await newTenant('before', 10);
    now = await newTenant('now', 10);
    await history(before.tenantId, before.ids);
    await history(now.tenantId, now.ids);
    for (const day of [2.5, 3.5, 5.5, 7, 21]) {
      t.clock.set(at(day));
      await perMemberMaintenance(before.tenantId);
      // Chunks of 3 members: several chunks per step.
      await runPointsMaintenance(t.ctx, now.tenantId, { chunk: 3 });
      expect(await snapshot(now.tenantId, now.ids)).toEqual(
        await snapshot(before.tenantId, before.ids),
      );
    }
    // The member in debt paid it off from the pending points, soonest confirmation first.
    const [debtor] = await snapshot(now.tenantId, [now.ids[1]!]);
    expect(debtor!.balance).toEqual({ available: 65, pending: 0 });
    await onceEach(now.tenantId);
  });

  it('changes nothing when run twice', async () => {
    const first = await snapshot(now.tenantId, now.ids);
    const again = await runPointsMaintenance(t.ctx, now.tenantId, { chunk: 3 });
    expect(again).toEqual({ confirmed: 0, expired: 0 });
    expect(await snapshot(now.tenantId, now.ids)).toEqual(first);
  });

  it('resumes after being killed between chunks, without doing anything twice', async () => {
    t.clock.set(START);
    const { tenantId, ids } = await newTenant('killed', 12);
    for (let i = 0; i < ids.length; i++)
      for (const [ref, days] of [
        ['a', 1],
        ['b', 2],
      ] as const)
        await inTx(tenantId, (tx) =>
          earnPoints(t.ctx, tx, {
            tenantId,
            memberId: ids[i]!,
            points: 10 + i,
            reason: 'r',
            source: 'test',
            sourceRef: ref,
            expiresAt: at(days),
          }),
        );
    t.clock.set(at(3));
    // The process dies while writing the third chunk (members 6–8 of chunks of 3).
    const owner = new pg.Client({ connectionString: t.url });
    await owner.connect();
    try {
      await owner.query(`CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.member_id = '${ids[7]}' THEN RAISE EXCEPTION 'killed'; END IF; RETURN NEW; END $$`);
      await owner.query(`CREATE TRIGGER die BEFORE INSERT ON points_entries
        FOR EACH ROW EXECUTE FUNCTION die()`);
      // One chunk at a time, so which chunks committed before the failure is known.
      const once = { chunk: 3, concurrency: 1 };
      await expect(runPointsMaintenance(t.ctx, tenantId, once)).rejects.toThrow('killed');
      const expired = await inTx(tenantId, (tx) =>
        sql<{ member_id: string }>`SELECT DISTINCT member_id FROM points_entries
          WHERE kind = 'expire' ORDER BY member_id`.execute(tx),
      );
      expect(expired.rows.map((r) => r.member_id)).toEqual(ids.slice(0, 6));
      await owner.query('DROP TRIGGER die ON points_entries');
      expect(await runPointsMaintenance(t.ctx, tenantId, { chunk: 3 })).toEqual({
        confirmed: 0,
        expired: 6,
      });
      // Every event recorded has its delivery queued once; the killed chunk left none behind.
      const queued = await owner.query<{ queued: number; events: number }>(
        `SELECT count(*)::int AS queued, count(DISTINCT e.event_id)::int AS events
         FROM pgboss.job j JOIN domain_events e ON e.event_id::text = j.data->>'eventId'
         WHERE j.name = 'domain-event' AND e.tenant_id = $1 AND e.type = 'points.expired'`,
        [tenantId],
      );
      expect(queued.rows[0]).toEqual({ queued: 12, events: 12 });
    } finally {
      await owner.end();
    }
    const r = await inTx(tenantId, (tx) =>
      sql<{ n: number; events: number; balances: number }>`SELECT
        (SELECT count(*)::int FROM points_entries WHERE kind = 'expire') AS n,
        (SELECT count(*)::int FROM domain_events WHERE type = 'points.expired') AS events,
        (SELECT count(*)::int FROM points_balances WHERE available <> 0) AS balances`.execute(tx),
    );
    expect(r.rows[0]).toEqual({ n: 24, events: 12, balances: 0 });
    await onceEach(tenantId);
  });

  it('never breaks balance = ledger when the till spends during the run', async () => {
    t.clock.set(START);
    const { tenantId, ids } = await newTenant('till', 40);
    for (let i = 0; i < ids.length; i++)
      for (const [ref, days] of [
        ['due', 1],
        ['later', 30],
      ] as const)
        await inTx(tenantId, (tx) =>
          earnPoints(t.ctx, tx, {
            tenantId,
            memberId: ids[i]!,
            points: 50,
            reason: 'r',
            source: 'test',
            sourceRef: ref,
            expiresAt: at(days),
          }),
        );
    t.clock.set(at(2));
    const spends = ids.map((memberId, i) =>
      inTx(tenantId, (tx) =>
        spendPoints(t.ctx, tx, {
          tenantId,
          memberId,
          points: 30 + (i % 3) * 20, // 30, 50 or 70: the last is more than is left after expiry
          reason: 'r',
          source: 'till',
          sourceRef: `s${i}`,
        }),
      ).then(
        () => 'spent',
        (err: AppError) => err.code,
      ),
    );
    const [outcomes] = await Promise.all([
      Promise.all(spends),
      runPointsMaintenance(t.ctx, tenantId, { chunk: 4 }),
      runPointsMaintenance(t.ctx, tenantId, { chunk: 7 }),
    ]);
    expect(new Set(outcomes)).toEqual(new Set(['spent', 'points.insufficient']));
    await runPointsMaintenance(t.ctx, tenantId);
    const r = await inTx(tenantId, (tx) =>
      sql<{ broken: number; expired: number }>`SELECT
        (SELECT count(*)::int FROM points_balances p WHERE p.available <> (
           SELECT sum(points) FROM points_entries e WHERE e.member_id = p.member_id)
           OR p.available <> (SELECT coalesce(sum(remaining), 0) FROM points_batches b
             WHERE b.member_id = p.member_id AND b.status = 'active')) AS broken,
        (SELECT count(*)::int FROM points_entries WHERE kind = 'expire') AS expired`.execute(tx),
    );
    expect(r.rows[0]).toEqual({ broken: 0, expired: 40 });
    await onceEach(tenantId);
  });
});
