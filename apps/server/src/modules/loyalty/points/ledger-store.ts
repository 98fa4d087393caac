import { randomUUID } from 'node:crypto';
import { sql, type PointsEntryKind, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { notFound } from '../../../http/errors';

/** What the ledger needs from the application: time and domain events. */
export type LedgerCtx = Pick<AppContext, 'clock' | 'events'>;
export type Balance = { available: number; pending: number };
export type ActorRef = {
  actorId?: string | null;
  actorType?: 'staff' | 'api_key' | 'system' | 'member';
};

/**
 * Locks the member's balance row (creating it at zero) for the rest of the transaction: every
 * movement of one member's points runs one after the other, so none can overdraw.
 */
export async function lockBalance(tx: Tx, tenantId: string, memberId: string): Promise<Balance> {
  try {
    const r = await sql<Balance>`
      INSERT INTO points_balances (tenant_id, member_id) VALUES (${tenantId}, ${memberId})
      ON CONFLICT (tenant_id, member_id) DO UPDATE SET available = points_balances.available
      RETURNING available, pending`.execute(tx);
    return r.rows[0]!;
  } catch (err) {
    if ((err as { code?: string }).code === '23503') throw notFound('member');
    throw err;
  }
}

export async function moveBalance(
  tx: Tx,
  tenantId: string,
  memberId: string,
  available: number,
  pending: number,
  at: Date,
): Promise<Balance> {
  const r = await sql<Balance>`
    UPDATE points_balances SET available = available + ${available}, pending = pending + ${pending}, updated_at = ${at}
    WHERE tenant_id = ${tenantId} AND member_id = ${memberId}
    RETURNING available, pending`.execute(tx);
  return r.rows[0]!;
}

/** The entry already written for this operation, if any (the idempotency of every movement). */
export async function findEntry(
  tx: Tx,
  memberId: string,
  kind: PointsEntryKind,
  source: string,
  sourceRef: string,
) {
  return tx
    .selectFrom('points_entries')
    .select(['entry_id', 'points', 'pending_points', 'details'])
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .where('source', '=', source)
    .where('source_ref', '=', sourceRef)
    .executeTakeFirst();
}

export type NewEntry = ActorRef & {
  tenantId: string;
  memberId: string;
  kind: PointsEntryKind;
  points: number;
  pendingPoints?: number;
  reason: string;
  source: string;
  sourceRef: string;
  ruleId?: string | null;
  details?: Record<string, unknown>;
  balanceAfter: number;
  at: Date;
};

export async function insertEntry(tx: Tx, e: NewEntry): Promise<string> {
  const entryId = randomUUID();
  await tx
    .insertInto('points_entries')
    .values({
      tenant_id: e.tenantId,
      entry_id: entryId,
      member_id: e.memberId,
      kind: e.kind,
      points: e.points,
      pending_points: e.pendingPoints ?? 0,
      reason: e.reason,
      source: e.source,
      source_ref: e.sourceRef,
      actor_type: e.actorType ?? (e.actorId ? 'staff' : 'system'),
      actor_id: e.actorId ?? null,
      rule_id: e.ruleId ?? null,
      details: JSON.stringify(e.details ?? {}),
      balance_after: e.balanceAfter,
      occurred_at: e.at,
    })
    .execute();
  return entryId;
}

export async function insertBatch(
  tx: Tx,
  b: {
    tenantId: string;
    memberId: string;
    entryId: string;
    status: 'pending' | 'active';
    earned: number;
    remaining: number;
    confirmAt: Date | null;
    expiresAt: Date | null;
    at: Date;
  },
): Promise<string> {
  const batchId = randomUUID();
  await tx
    .insertInto('points_batches')
    .values({
      tenant_id: b.tenantId,
      batch_id: batchId,
      member_id: b.memberId,
      entry_id: b.entryId,
      status: b.status,
      earned: b.earned,
      remaining: b.remaining,
      confirm_at: b.confirmAt,
      expires_at: b.expiresAt,
      created_at: b.at,
    })
    .execute();
  return batchId;
}

/** Points of a credit that pay off a debt (a negative balance) before they can be spent. */
export const owed = (available: number, credit: number) =>
  available < 0 ? Math.min(credit, -available) : 0;

/**
 * Takes `points` from the member's active batches, soonest expiry first (never-expiring last),
 * and records which batches gave how much against `entryId`.
 */
export async function consumeBatches(
  tx: Tx,
  tenantId: string,
  memberId: string,
  points: number,
  entryId: string,
): Promise<{ batchId: string; points: number }[]> {
  if (points <= 0) return [];
  const rows = await sql<{ batch_id: string; remaining: number; before: number }>`
    SELECT batch_id, remaining, before FROM (
      SELECT batch_id, remaining,
             (sum(remaining) OVER (ORDER BY expires_at ASC NULLS LAST, created_at, batch_id) - remaining)::int AS before
      FROM points_batches
      WHERE member_id = ${memberId} AND status = 'active' AND remaining > 0) x
    WHERE before < ${points}
    ORDER BY before`.execute(tx);
  const taken = rows.rows.map((r) => ({
    batchId: r.batch_id,
    points: Math.min(r.remaining, points - r.before),
  }));
  if (!taken.length) return taken;
  const ids = taken.map((t) => t.batchId);
  const amounts = taken.map((t) => t.points);
  await sql`
    UPDATE points_batches b SET remaining = b.remaining - x.take
    FROM unnest(${ids}::uuid[], ${amounts}::int[]) AS x(id, take)
    WHERE b.tenant_id = ${tenantId} AND b.batch_id = x.id`.execute(tx);
  await sql`
    INSERT INTO points_allocations (tenant_id, entry_id, batch_id, points)
    SELECT ${tenantId}, ${entryId}, x.id, x.take FROM unnest(${ids}::uuid[], ${amounts}::int[]) AS x(id, take)`.execute(
    tx,
  );
  return taken;
}

export type NewEarning = NewEntry & {
  /** Pending points (not yet spendable) of the new batch; `points` are the available ones. */
  pendingPoints: number;
  batch: { status: 'pending' | 'active'; earned: number; remaining: number };
  confirmAt: Date | null;
  expiresAt: Date | null;
  /** Which rule gave how much (for per-member caps). */
  awards?: { ruleId: string; points: number }[];
};

/**
 * Writes an earning in one statement: its entry, its batch, the rules' awards and the member's
 * balance (whose row the caller has locked). The entry is once-only by its source: when it
 * exists already (a concurrent earning of the same operation got there first) nothing is
 * written and null comes back.
 */
export async function writeEarning(
  tx: Tx,
  e: NewEarning,
): Promise<(Balance & { entryId: string }) | null> {
  const entryId = randomUUID();
  const awards = e.awards ?? [];
  const r = await sql<Balance>`
    WITH e AS (
      INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, pending_points,
        reason, source, source_ref, actor_type, actor_id, rule_id, details, balance_after, occurred_at)
      VALUES (${e.tenantId}::uuid, ${entryId}::uuid, ${e.memberId}::uuid, ${e.kind}, ${e.points}::int,
        ${e.pendingPoints}::int, ${e.reason}, ${e.source}, ${e.sourceRef},
        ${e.actorType ?? (e.actorId ? 'staff' : 'system')}, ${e.actorId ?? null}::uuid,
        ${e.ruleId ?? null}::uuid, ${JSON.stringify(e.details ?? {})}::jsonb, ${e.balanceAfter}::int,
        ${e.at}::timestamptz)
      ON CONFLICT (tenant_id, member_id, kind, source, source_ref) DO NOTHING
      RETURNING tenant_id, entry_id, member_id
    ), b AS (
      INSERT INTO points_batches (tenant_id, batch_id, member_id, entry_id, status, earned,
        remaining, confirm_at, expires_at, created_at)
      SELECT e.tenant_id, ${randomUUID()}::uuid, e.member_id, e.entry_id, ${e.batch.status}::text,
        ${e.batch.earned}::int, ${e.batch.remaining}::int, ${e.confirmAt}::timestamptz,
        ${e.expiresAt}::timestamptz, ${e.at}::timestamptz
      FROM e
    ), a AS (
      INSERT INTO points_rule_awards (tenant_id, entry_id, rule_id, member_id, points, occurred_at)
      SELECT e.tenant_id, e.entry_id, x.rule_id, e.member_id, x.points, ${e.at}::timestamptz
      FROM e, unnest(${awards.map((a) => a.ruleId)}::uuid[], ${awards.map((a) => a.points)}::int[])
        AS x(rule_id, points)
    )
    UPDATE points_balances p
    SET available = p.available + ${e.points}::int, pending = p.pending + ${e.pendingPoints}::int,
        updated_at = ${e.at}::timestamptz
    FROM e WHERE p.tenant_id = e.tenant_id AND p.member_id = e.member_id
    RETURNING p.available, p.pending`.execute(tx);
  const row = r.rows[0];
  return row ? { ...row, entryId } : null;
}
