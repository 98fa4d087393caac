import type { Tx } from '@regulars/db';

export type TierPrivileges = { tierId: string; pointsMultiplier: number; discountRate: number };

/**
 * The privileges of a member's current tier, for the earning engine and the till: the points
 * multiplier and discount rate. Null when the member holds no tier (never had one, or lapsed).
 * Runs in the caller's transaction, so a tier reached earlier in it already counts.
 */
export async function tierPrivileges(tx: Tx, memberId: string): Promise<TierPrivileges | null> {
  const row = await tx
    .selectFrom('member_tiers as mt')
    .innerJoin('tiers as t', (j) =>
      j.onRef('t.tenant_id', '=', 'mt.tenant_id').onRef('t.tier_id', '=', 'mt.tier_id'),
    )
    .select(['t.tier_id', 't.points_multiplier', 't.discount_rate'])
    .where('mt.member_id', '=', memberId)
    .where('mt.status', '=', 'member')
    .executeTakeFirst();
  if (!row) return null;
  return {
    tierId: row.tier_id,
    pointsMultiplier: Number(row.points_multiplier),
    discountRate: Number(row.discount_rate),
  };
}
