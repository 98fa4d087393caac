import { sql, type Tx } from '@regulars/db';

/**
 * Money each member spent in [from, to), in minor units, from their recorded purchases net of
 * what was returned of them: for loyalty's tier qualification. One query whatever the number of
 * members; members without purchases are absent from the map.
 */
export async function spentBetween(
  tx: Tx,
  memberIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  if (!memberIds.length) return new Map();
  const rows = await sql<{ member_id: string; spent: string }>`
    SELECT member_id, sum(total_minor - returned_minor) AS spent FROM purchases
    WHERE member_id = ANY(${memberIds as string[]}::uuid[]) AND occurred_at >= ${from} AND occurred_at < ${to}
    GROUP BY member_id`.execute(tx);
  return new Map(rows.rows.map((r) => [r.member_id, Number(r.spent)]));
}

/** Active members whose birthday falls on the given month and day (for birthday rewards). */
export async function membersWithBirthday(tx: Tx, month: number, day: number): Promise<string[]> {
  const rows = await sql<{ member_id: string }>`
    SELECT member_id FROM members
    WHERE status = 'active' AND birthday IS NOT NULL
      AND extract(month FROM birthday) = ${month} AND extract(day FROM birthday) = ${day}`.execute(
    tx,
  );
  return rows.rows.map((r) => r.member_id);
}

/** Names of members by id (for lists of coupons and tiers), whatever their status. */
export async function memberNames(
  tx: Tx,
  memberIds: readonly string[],
): Promise<Map<string, string>> {
  if (!memberIds.length) return new Map();
  const rows = await tx
    .selectFrom('members')
    .select(['member_id', 'name'])
    .where('member_id', 'in', memberIds as string[])
    .execute();
  return new Map(rows.map((r) => [r.member_id, r.name]));
}
