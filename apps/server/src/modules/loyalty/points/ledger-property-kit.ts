import { sql } from '@regulars/db';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { loyaltyFixture } from '../pos/pos-kit';

/** What one member's points look like in the database, read in one go. */
export type Snapshot = {
  available: number;
  pending: number;
  ledger: number;
  ledgerPending: number;
  entries: number;
  active: number;
  pendingBatches: number;
  negative: number;
  overfull: number;
  due: number;
};

type Fixture = Awaited<ReturnType<typeof loyaltyFixture>>;

/** Every member's balance, ledger sums and batches; `now` finds batches left due. */
export async function snapshot(f: Fixture, ids: string[], now: Date) {
  const r = await f.t.ctx.db.withTenant(f.seeded.tenantId, (tx) =>
    sql<Snapshot & { member_id: string }>`
      SELECT m.member_id,
        coalesce(b.available, 0)::int AS available, coalesce(b.pending, 0)::int AS pending,
        (SELECT coalesce(sum(points), 0) FROM points_entries e WHERE e.member_id = m.member_id)::int AS ledger,
        (SELECT coalesce(sum(pending_points), 0) FROM points_entries e WHERE e.member_id = m.member_id)::int AS "ledgerPending",
        (SELECT count(*) FROM points_entries e WHERE e.member_id = m.member_id)::int AS entries,
        coalesce(x.active, 0)::int AS active, coalesce(x.pending, 0)::int AS "pendingBatches",
        coalesce(x.negative, 0)::int AS negative, coalesce(x.overfull, 0)::int AS overfull,
        coalesce(x.due, 0)::int AS due
      FROM unnest(${ids}::uuid[]) AS m(member_id)
      LEFT JOIN points_balances b ON b.member_id = m.member_id
      LEFT JOIN LATERAL (
        SELECT sum(remaining) FILTER (WHERE status = 'active') AS active,
               sum(remaining) FILTER (WHERE status = 'pending') AS pending,
               count(*) FILTER (WHERE remaining < 0) AS negative,
               count(*) FILTER (WHERE remaining > earned) AS overfull,
               count(*) FILTER (WHERE (status = 'active' AND remaining > 0 AND expires_at <= ${now})
                                  OR (status = 'pending' AND confirm_at <= ${now})) AS due
        FROM points_batches pb WHERE pb.member_id = m.member_id) x ON true`.execute(tx),
  );
  return new Map(r.rows.map(({ member_id, ...s }) => [member_id, s]));
}

/** Balance equals the ledger; batches hold exactly the spendable and pending points, none below zero. */
export function checkInvariants(snap: Map<string, Snapshot>, label: string) {
  for (const [m, s] of snap) {
    const at = `${label} (member ${m}): ${JSON.stringify(s)}`;
    expect(s.available, `balance = ledger, ${at}`).toBe(s.ledger);
    expect(s.pending, `pending = ledger, ${at}`).toBe(s.ledgerPending);
    expect(s.negative, `no batch below zero, ${at}`).toBe(0);
    expect(s.overfull, `no batch above what it earned, ${at}`).toBe(0);
    expect(s.active, `active batches = spendable balance, ${at}`).toBe(Math.max(s.available, 0));
    expect(s.pendingBatches, `pending batches = pending balance, ${at}`).toBe(s.pending);
  }
}

/** Counts of the ledger entries of these members by kind, and duplicates of one operation. */
export async function ledgerCounts(f: Fixture, ids: string[]) {
  return f.t.ctx.db.withTenant(f.seeded.tenantId, async (tx) => {
    const kinds = await sql<{ kind: string; source: string; n: number }>`
      SELECT kind, source, count(*)::int AS n FROM points_entries
      WHERE member_id = ANY(${ids}::uuid[]) GROUP BY kind, source`.execute(tx);
    const dups = await sql<{ source_ref: string; n: number }>`
      SELECT source_ref, count(*)::int AS n FROM points_entries
      WHERE member_id = ANY(${ids}::uuid[])
      GROUP BY member_id, kind, source, source_ref HAVING count(*) > 1`.execute(tx);
    const purchases = await sql<{ n: number; returns: number }>`
      SELECT (SELECT count(*) FROM purchases WHERE member_id = ANY(${ids}::uuid[]))::int AS n,
             (SELECT count(*) FROM purchase_returns WHERE member_id = ANY(${ids}::uuid[]))::int AS returns`.execute(
      tx,
    );
    return {
      byKind: Object.fromEntries(kinds.rows.map((r) => [`${r.kind}/${r.source}`, r.n])),
      duplicates: dups.rows,
      ...purchases.rows[0]!,
    };
  });
}

/** One response kept under an idempotency key: what a retry with that key must get again. */
export type Kept = { status: number; body: string; signature: string; at: number };
/** How long the server remembers a key (http/idempotency.ts): an older key is a new request. */
export const KEEP_MS = 24 * 60 * 60_000;

/** Checks a response against the first one sent with its key; returns whether it was a replay. */
export function checkReplay(
  res: LightMyRequestResponse,
  kept: Kept | undefined,
  signature: string,
): boolean {
  if (!kept) return false;
  if (kept.signature === signature) {
    expect(res.headers['idempotent-replayed'], res.body).toBe('true');
    expect(res.statusCode).toBe(kept.status);
    // The same answer (kept as jsonb, so compared as JSON, not byte for byte).
    expect(JSON.parse(res.body)).toEqual(JSON.parse(kept.body));
  } else {
    expect(codeOf(res), res.body).toBe('request.idempotency_conflict');
  }
  return true;
}

export const codeOf = (res: LightMyRequestResponse): string | null =>
  res.statusCode === 200
    ? null
    : ((res.json() as { error?: { code?: string } }).error?.code ?? '?');

// ---- the operations a property draws ----

/** Mostly the first member, so that one member sees earning, spending and returns together. */
const member = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 }) },
);
/** A small pool of keys, so some repeat; null: sent without one. */
const key = fc.option(fc.integer({ min: 0, max: 9 }), { nil: null, freq: 3 });
// Unbiased: fast-check favours small numbers, which would make most sales earn nothing.
const line = fc.record({
  quantity: fc.noBias(fc.integer({ min: 1, max: 4 })),
  unitPriceMinor: fc.noBias(fc.integer({ min: 1, max: 40 })).map((n) => n * 2_500),
});

const earn = (m: fc.Arbitrary<number>) =>
  fc.record({
    k: fc.constant('earn' as const),
    m,
    ext: fc.integer({ min: 0, max: 6 }),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    key,
  });

const opArb = fc.oneof(
  { weight: 4, arbitrary: earn(member) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('spend' as const),
      m: member,
      ext: fc.integer({ min: 0, max: 4 }),
      /** Percent of the balance at the time (above 100: more than there is), at least 1 point. */
      percent: fc.noBias(fc.integer({ min: 30, max: 115 })),
      key,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('refund' as const),
      /** Which of the run's purchases so far (modulo their number); 9: one never made. */
      purchase: fc.oneof(
        { weight: 9, arbitrary: fc.nat(8) },
        { weight: 1, arbitrary: fc.constant(9) },
      ),
      ret: fc.integer({ min: 0, max: 5 }),
      part: fc.option(
        fc.record({
          lineNo: fc.integer({ min: 1, max: 3 }),
          quantity: fc.integer({ min: 1, max: 3 }),
        }),
        { nil: null },
      ),
      allowDebt: fc.boolean(),
      key,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('expire' as const),
      hours: fc.oneof(
        fc.integer({ min: 1, max: 23 }),
        fc.integer({ min: 1, max: 60 }).map((d) => d * 24 + 1),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('adjust' as const),
      m: member,
      points: fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0),
      key,
    }),
  },
);
export type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** A run's operations: the first member buys something first, so there are points to move. */
export const opsArb = fc
  .tuple(earn(fc.constant(0)), fc.array(opArb, { minLength: 2, maxLength: 15, size: 'max' }))
  .map(([first, rest]): Op[] => [first, ...rest]);

/** The programme a run plays under: expiry policy and return window (pending points). */
export const programArb = fc.record({
  expiryPolicy: fc.constantFrom('after_days', 'end_of_month', 'never'),
  expiryPeriod: fc.constantFrom(1, 2, 30),
  returnWindowDays: fc.constantFrom(0, 0, 0, 3),
});
