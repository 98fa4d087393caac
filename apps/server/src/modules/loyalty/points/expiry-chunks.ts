import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';

export type DueStep = 'confirmed' | 'expired';

/**
 * The next members (by id, after `after`) with pending batches past their return window or
 * active batches past their expiry. Keyset by member id: one pass over the due batches a night,
 * however many there are.
 */
export async function dueMembers(
  tx: Tx,
  tenantId: string,
  step: DueStep,
  now: Date,
  after: string,
  limit: number,
): Promise<string[]> {
  const due =
    step === 'confirmed'
      ? sql`status = 'pending' AND confirm_at <= ${now}`
      : sql`status = 'active' AND remaining > 0 AND expires_at <= ${now}`;
  const r = await sql<{ member_id: string }>`
    SELECT DISTINCT member_id FROM points_batches
    WHERE tenant_id = ${tenantId} AND member_id > ${after}::uuid AND ${due}
    ORDER BY member_id LIMIT ${limit}`.execute(tx);
  return r.rows.map((m) => m.member_id);
}

/**
 * Locks the balance rows of the chunk's members in id order for the rest of the transaction —
 * the lock the till takes (ledger-store `lockBalance`), so no spend, earning or return of these
 * members runs while their batches are changed. Members without a balance row have no points.
 */
export async function lockBalances(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  await sql`SELECT member_id FROM points_balances
    WHERE tenant_id = ${tenantId} AND member_id = ANY(${ids}::uuid[])
    ORDER BY member_id FOR UPDATE`.execute(tx);
}

/**
 * expireMemberBatches for every member of a locked chunk, in one statement: the due batches
 * expire, one `expire` entry each (balance after each, soonest expiry first), the balances move
 * and one `points.expired` event per member is recorded (its delivery enqueued as `record`
 * does). Only batches still due are touched, so a second run writes nothing. Returns the members.
 */
export async function expireChunk(
  ctx: Pick<AppContext, 'events' | 'jobs'>,
  tx: Tx,
  tenantId: string,
  ids: string[],
  now: Date,
): Promise<number> {
  const r = await sql<{ event_id: string }>`
    WITH due AS (
      UPDATE points_batches b SET status = 'expired', remaining = 0
      FROM (SELECT batch_id, remaining FROM points_batches
            WHERE tenant_id = ${tenantId} AND member_id = ANY(${ids}::uuid[])
              AND status = 'active' AND remaining > 0 AND expires_at <= ${now}) d
      WHERE b.tenant_id = ${tenantId} AND b.batch_id = d.batch_id
      RETURNING b.batch_id, b.member_id, d.remaining, b.expires_at, b.created_at
    ), steps AS (
      SELECT d.*, (p.available - sum(d.remaining) OVER (PARTITION BY d.member_id
               ORDER BY d.expires_at, d.created_at, d.batch_id))::int AS after
      FROM due d JOIN points_balances p ON p.tenant_id = ${tenantId} AND p.member_id = d.member_id
    ), entries AS (
      INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, reason, source,
        source_ref, actor_type, details, balance_after, occurred_at)
      SELECT ${tenantId}, gen_random_uuid(), member_id, 'expire', -remaining, 'expired', 'expiry',
        batch_id::text, 'system', jsonb_build_object('expiresAt',
          to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        after, ${now}
      FROM steps ORDER BY member_id, expires_at, created_at, batch_id
    ), totals AS (
      SELECT member_id, sum(remaining)::int AS total, count(*)::int AS n FROM due GROUP BY member_id
    ), moved AS (
      UPDATE points_balances p SET available = p.available - t.total, updated_at = ${now}
      FROM totals t WHERE p.tenant_id = ${tenantId} AND p.member_id = t.member_id
      RETURNING p.member_id, p.available, t.total, t.n
    )
    INSERT INTO domain_events (tenant_id, event_id, type, payload)
    SELECT ${tenantId}, gen_random_uuid(), 'points.expired', jsonb_build_object(
      'memberId', member_id, 'points', -total, 'batches', n, 'balance', available)
    FROM moved ORDER BY member_id
    RETURNING event_id`.execute(tx);
  const events = r.rows.map((e) => e.event_id);
  await ctx.events.enqueueInserted(tx, tenantId, 'points.expired', events);
  return events.length;
}

/**
 * confirmMemberBatches for every member of a locked chunk, in one statement: pending batches
 * past their return window become active (soonest first; their points pay off a debt before
 * they can be spent), one `confirm` entry each, the balances move and one `points.confirmed`
 * event per member. Returns the members.
 */
export async function confirmChunk(
  ctx: Pick<AppContext, 'events' | 'jobs'>,
  tx: Tx,
  tenantId: string,
  ids: string[],
  now: Date,
): Promise<number> {
  const r = await sql<{ event_id: string }>`
    WITH due AS (
      SELECT b.batch_id, b.member_id, b.remaining, b.confirm_at,
        (p.available + coalesce(sum(b.remaining) OVER (PARTITION BY b.member_id
          ORDER BY b.confirm_at, b.batch_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::int
          AS before
      FROM points_batches b
      JOIN points_balances p ON p.tenant_id = b.tenant_id AND p.member_id = b.member_id
      WHERE b.tenant_id = ${tenantId} AND b.member_id = ANY(${ids}::uuid[])
        AND b.status = 'pending' AND b.confirm_at <= ${now}
    ), batches AS (
      UPDATE points_batches b SET status = 'active', remaining = d.remaining
        - CASE WHEN d.before < 0 THEN least(d.remaining, -d.before) ELSE 0 END
      FROM due d WHERE b.tenant_id = ${tenantId} AND b.batch_id = d.batch_id AND b.status = 'pending'
      RETURNING b.batch_id
    ), entries AS (
      INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, pending_points,
        reason, source, source_ref, actor_type, details, balance_after, occurred_at)
      SELECT ${tenantId}, gen_random_uuid(), d.member_id, 'confirm', d.remaining, -d.remaining,
        'confirmed', 'confirm', d.batch_id::text, 'system', '{}'::jsonb, d.before + d.remaining, ${now}
      FROM due d JOIN batches USING (batch_id) ORDER BY d.member_id, d.confirm_at, d.batch_id
    ), totals AS (
      SELECT d.member_id, sum(d.remaining)::int AS total
      FROM due d JOIN batches USING (batch_id) GROUP BY d.member_id
    ), moved AS (
      UPDATE points_balances p SET available = p.available + t.total, pending = p.pending - t.total,
        updated_at = ${now}
      FROM totals t WHERE p.tenant_id = ${tenantId} AND p.member_id = t.member_id
      RETURNING p.member_id, p.available, t.total
    )
    INSERT INTO domain_events (tenant_id, event_id, type, payload)
    SELECT ${tenantId}, gen_random_uuid(), 'points.confirmed', jsonb_build_object(
      'memberId', member_id, 'points', total, 'balance', available)
    FROM moved ORDER BY member_id
    RETURNING event_id`.execute(tx);
  const events = r.rows.map((e) => e.event_id);
  await ctx.events.enqueueInserted(tx, tenantId, 'points.confirmed', events);
  return events.length;
}
