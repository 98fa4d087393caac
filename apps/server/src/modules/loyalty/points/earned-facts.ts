import { sql, type Tx } from '@regulars/db';

/**
 * Points earned in [from, to) by each of `memberIds`, in one query: earnings (pending included)
 * less what returns took back — for many members what `pointsEarnedBetween` (ledger.ts) gives
 * for one. Members who earned nothing are absent (read them as 0).
 */
export async function pointsEarnedByMembers(
  tx: Tx,
  memberIds: string[],
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  if (!memberIds.length || to.getTime() <= from.getTime()) return new Map();
  const r = await sql<{ member_id: string; n: number }>`
    SELECT member_id, coalesce(sum(points + pending_points), 0)::int AS n FROM points_entries
    WHERE member_id = ANY(${memberIds}::uuid[]) AND kind IN ('earn', 'clawback')
      AND occurred_at >= ${from} AND occurred_at < ${to}
    GROUP BY member_id`.execute(tx);
  return new Map(r.rows.map((x) => [x.member_id, x.n]));
}
