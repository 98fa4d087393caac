import { sql, type Tx } from '@regulars/db';
import { AppError, notFound } from '../../../http/errors';
import { expireMemberBatches } from './expiry';
import {
  consumeBatches,
  findEntry,
  insertBatch,
  insertEntry,
  lockBalance,
  moveBalance,
  owed,
  writeEarning,
  type ActorRef,
  type Balance,
  type LedgerCtx,
} from './ledger-store';
import { defaultExpiry, readProgram } from './program';

export type { LedgerCtx } from './ledger-store';

type Movement = ActorRef & {
  tenantId: string;
  memberId: string;
  points: number;
  reason: string;
  source: string;
  /** With source and member: the operation's identity. A retry finds the first and changes nothing. */
  sourceRef: string;
};

export type EarnInput = Movement & {
  ruleId?: string | null;
  /** Default: the programme's expiry policy; null: never. */
  expiresAt?: Date | null;
  /** Pending points confirm at this time (after the return window) and cannot be spent before. */
  pending?: { confirmAt: Date };
  /** The explanation shown with the entry: which rule gave how much. */
  details?: Record<string, unknown>;
  kind?: 'earn' | 'adjust';
  /** Which rule gave how much, kept for per-member caps. */
  awards?: { ruleId: string; points: number }[];
};

const checkPoints = (points: number) => {
  if (!Number.isSafeInteger(points) || points <= 0)
    throw new AppError('points.invalid_amount', { points: String(points) });
};

/**
 * Adds points as a new batch (pending until `pending.confirmAt`, if given). A negative balance
 * (a debt from a return) is paid off first. Records `points.earned` (or `points.adjusted`).
 */
export async function earnPoints(
  ctx: LedgerCtx,
  tx: Tx,
  input: EarnInput,
): Promise<{ entryId: string; balance: number; created: boolean }> {
  checkPoints(input.points);
  const bal = await lockBalance(tx, input.tenantId, input.memberId);
  const existing = await findEntry(
    tx,
    input.memberId,
    input.kind ?? 'earn',
    input.source,
    input.sourceRef,
  );
  if (existing) return { entryId: existing.entry_id, balance: bal.available, created: false };
  return addEarning(ctx, tx, input, bal);
}

/**
 * earnPoints for a caller that already holds the member's balance lock (`bal` is what it read)
 * and has checked that the operation is new: the till's earning, in fewer round trips.
 */
export async function addEarning(
  ctx: LedgerCtx,
  tx: Tx,
  input: EarnInput,
  bal: Balance,
): Promise<{ entryId: string; balance: number; created: boolean }> {
  checkPoints(input.points);
  const kind = input.kind ?? 'earn';
  const now = ctx.clock.now();
  const expiresAt =
    input.expiresAt !== undefined ? input.expiresAt : defaultExpiry(await readProgram(tx), now);
  const pending = input.pending ? input.points : 0;
  const available = pending ? 0 : input.points;
  const after = await writeEarning(tx, {
    ...input,
    kind,
    points: available,
    pendingPoints: pending,
    balanceAfter: bal.available + available,
    at: now,
    batch: {
      status: pending ? 'pending' : 'active',
      earned: input.points,
      remaining: input.points - owed(bal.available, available),
    },
    confirmAt: input.pending?.confirmAt ?? null,
    expiresAt,
  });
  if (!after) {
    // Written first by a concurrent earning of the same operation (one that read no entry
    // before it waited for the member's lock): that one stands.
    const first = await findEntry(tx, input.memberId, kind, input.source, input.sourceRef);
    return { entryId: first!.entry_id, balance: bal.available, created: false };
  }
  const entryId = after.entryId;
  await ctx.events.record(
    tx,
    input.tenantId,
    kind === 'earn' ? 'points.earned' : 'points.adjusted',
    {
      memberId: input.memberId,
      entryId,
      points: input.points,
      pending: pending > 0,
      source: input.source,
      sourceRef: input.sourceRef,
      ruleId: input.ruleId ?? null,
      balance: after.available,
    },
  );
  return { entryId, balance: after.available, created: true };
}

/**
 * Takes points from the member's batches, soonest-expiring first. Fails with
 * `points.insufficient` when the available balance (pending points excluded) is too small.
 */
export async function spendPoints(
  ctx: LedgerCtx,
  tx: Tx,
  input: Movement & { kind?: 'spend' | 'adjust'; details?: Record<string, unknown> },
): Promise<{ entryId: string; balance: number; created: boolean }> {
  checkPoints(input.points);
  const kind = input.kind ?? 'spend';
  let bal = await lockBalance(tx, input.tenantId, input.memberId);
  const existing = await findEntry(tx, input.memberId, kind, input.source, input.sourceRef);
  if (existing) {
    // The same reference for another amount is not a retry: say so rather than answer the first.
    if (Number(existing.points) !== -input.points)
      throw new AppError('points.external_id_conflict', { externalId: input.sourceRef });
    return { entryId: existing.entry_id, balance: bal.available, created: false };
  }
  const now = ctx.clock.now();
  bal = await expireMemberBatches(ctx, tx, input.tenantId, input.memberId, now, bal);
  if (bal.available < input.points)
    throw new AppError('points.insufficient', {
      available: Math.max(bal.available, 0),
      points: input.points,
    });
  const entryId = await insertEntry(tx, {
    ...input,
    kind,
    points: -input.points,
    balanceAfter: bal.available - input.points,
    at: now,
  });
  await consumeBatches(tx, input.tenantId, input.memberId, input.points, entryId);
  const after = await moveBalance(tx, input.tenantId, input.memberId, -input.points, 0, now);
  await ctx.events.record(
    tx,
    input.tenantId,
    kind === 'spend' ? 'points.spent' : 'points.adjusted',
    {
      memberId: input.memberId,
      entryId,
      points: -input.points,
      source: input.source,
      sourceRef: input.sourceRef,
      balance: after.available,
    },
  );
  return { entryId, balance: after.available, created: true };
}

/**
 * Gives a spending's points back (a voided coupon, a cancelled redemption): to the batches it
 * took them from while they are still valid, otherwise as a new batch. Safe to call twice.
 */
export async function reversePoints(
  ctx: LedgerCtx,
  tx: Tx,
  input: ActorRef & { tenantId: string; entryId: string; reason: string },
): Promise<{ entryId: string; balance: number; created: boolean }> {
  const spent = await tx
    .selectFrom('points_entries')
    .select(['member_id', 'kind', 'points'])
    .where('entry_id', '=', input.entryId)
    .executeTakeFirst();
  if (!spent) throw notFound('points_entry');
  if (spent.points >= 0 || (spent.kind !== 'spend' && spent.kind !== 'adjust'))
    throw new AppError('points.not_reversible');
  const memberId = spent.member_id;
  const bal = await lockBalance(tx, input.tenantId, memberId);
  const existing = await findEntry(tx, memberId, 'reverse', 'reversal', input.entryId);
  if (existing) return { entryId: existing.entry_id, balance: bal.available, created: false };
  const now = ctx.clock.now();
  const points = -spent.points;
  const entryId = await insertEntry(tx, {
    ...input,
    memberId,
    kind: 'reverse',
    points,
    source: 'reversal',
    sourceRef: input.entryId,
    details: { reverses: input.entryId },
    balanceAfter: bal.available + points,
    at: now,
  });
  // Back into the batches it came from while they are still valid; the rest (and anything owed)
  // as one new batch under the programme's expiry policy.
  let restored = 0;
  if (bal.available >= 0) {
    const back = await sql<{ points: number }>`
      UPDATE points_batches b SET remaining = b.remaining + a.points
      FROM points_allocations a
      WHERE a.tenant_id = ${input.tenantId} AND a.entry_id = ${input.entryId}
        AND b.tenant_id = a.tenant_id AND b.batch_id = a.batch_id
        AND b.status = 'active' AND (b.expires_at IS NULL OR b.expires_at > ${now})
      RETURNING a.points`.execute(tx);
    restored = back.rows.reduce((s, r) => s + r.points, 0);
  }
  const rest = points - restored - owed(bal.available, points);
  if (rest > 0)
    await insertBatch(tx, {
      tenantId: input.tenantId,
      memberId,
      entryId,
      status: 'active',
      earned: rest,
      remaining: rest,
      confirmAt: null,
      expiresAt: defaultExpiry(await readProgram(tx), now),
      at: now,
    });
  const after = await moveBalance(tx, input.tenantId, memberId, points, 0, now);
  await ctx.events.record(tx, input.tenantId, 'points.reversed', {
    memberId,
    entryId,
    reverses: input.entryId,
    points,
    balance: after.available,
  });
  return { entryId, balance: after.available, created: true };
}

/** The member's points: spendable, pending (not yet confirmed) and what lapses next. */
export async function pointsBalance(
  tx: Tx,
  memberId: string,
): Promise<{ available: number; pending: number; expiringSoon: { points: number; at: string }[] }> {
  // One round trip: the balance row (absent: zero) and the next lapses.
  const r = await sql<{
    available: number | null;
    pending: number | null;
    expiring: { points: number; at: string }[] | null;
  }>`
    SELECT b.available, b.pending, (
      SELECT json_agg(json_build_object('points', x.points, 'at', x.at) ORDER BY x.at)
      FROM (SELECT sum(remaining)::int AS points, expires_at AS at FROM points_batches
            WHERE member_id = ${memberId} AND status IN ('active', 'pending') AND remaining > 0
              AND expires_at IS NOT NULL
            GROUP BY expires_at ORDER BY expires_at LIMIT 5) x) AS expiring
    FROM (SELECT 1) one LEFT JOIN points_balances b ON b.member_id = ${memberId}`.execute(tx);
  const row = r.rows[0]!;
  return {
    available: row.available ?? 0,
    pending: row.pending ?? 0,
    expiringSoon: (row.expiring ?? []).map((x) => ({
      points: x.points,
      at: new Date(x.at).toISOString(),
    })),
  };
}

/** Points earned in [from, to) — earnings, pending included, less what returns took back. */
export async function pointsEarnedBetween(
  tx: Tx,
  memberId: string,
  from: Date,
  to: Date,
): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT coalesce(sum(points + pending_points), 0)::int AS n FROM points_entries
    WHERE member_id = ${memberId} AND kind IN ('earn', 'clawback')
      AND occurred_at >= ${from} AND occurred_at < ${to}`.execute(tx);
  return r.rows[0]!.n;
}
