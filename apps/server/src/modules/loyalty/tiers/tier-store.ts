import type { QualifyWindow } from '@regulars/core';
import type { Tx } from '@regulars/db';
import { pointsEarnedBetween } from '../points/ledger';
import { spentBetween } from '../../members';

export type TierSettingsRow = {
  basis: 'points' | 'spend';
  window: QualifyWindow;
  periodMonths: number;
  graceDays: number;
  version: number;
  timeZone: string;
};

export type TierRow = {
  tierId: string;
  name: string;
  threshold: number;
  pointsMultiplier: number;
  discountRate: number;
  perks: string;
  eventAccess: boolean;
  perkRewardId: string | null;
  version: number;
};

/** The tenant's qualification rules (defaults until first saved) and its time zone. */
export async function readTierSettings(tx: Tx): Promise<TierSettingsRow> {
  // One round trip (it runs for every purchase and every earning, in the tier upgrade check).
  const row = await tx
    .selectFrom('tenants')
    .leftJoin('tier_settings as s', 's.tenant_id', 'tenants.tenant_id')
    .select([
      'tenants.time_zone',
      's.basis',
      's.qualify_window',
      's.period_months',
      's.grace_days',
      's.version',
    ])
    .executeTakeFirstOrThrow();
  return {
    basis: row.basis ?? 'spend',
    window: row.qualify_window ?? 'rolling_12m',
    periodMonths: row.period_months ?? 12,
    graceDays: row.grace_days ?? 30,
    version: row.version ?? 1,
    timeZone: row.time_zone,
  };
}

/** The active tiers, lowest threshold first. */
export async function activeTiers(tx: Tx): Promise<TierRow[]> {
  const rows = await tx
    .selectFrom('tiers')
    .selectAll()
    .where('active', '=', true)
    .orderBy('threshold')
    .execute();
  return rows.map((r) => ({
    tierId: r.tier_id,
    name: r.name,
    threshold: Number(r.threshold),
    pointsMultiplier: Number(r.points_multiplier),
    discountRate: Number(r.discount_rate),
    perks: r.perks,
    eventAccess: r.event_access,
    perkRewardId: r.perk_reward_id,
    version: r.version,
  }));
}

/** Points earned or money spent by the member in [from, to). */
export async function qualifyingValue(
  tx: Tx,
  basis: 'points' | 'spend',
  memberId: string,
  from: Date,
  to: Date,
): Promise<number> {
  if (to.getTime() <= from.getTime()) return 0;
  if (basis === 'points') return pointsEarnedBetween(tx, memberId, from, to);
  return (await spentBetween(tx, [memberId], from, to)).get(memberId) ?? 0;
}
