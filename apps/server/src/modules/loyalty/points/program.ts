import { pointsExpiry, type ExpiryPolicy } from '@regulars/core';
import type { CapPeriod, Tx } from '@regulars/db';

/** The programme's settings as the engine uses them (defaults until an administrator saves). */
export type Program = {
  enabled: boolean;
  expiryPolicy: ExpiryPolicy;
  expiryPeriod: number;
  returnWindowDays: number;
  allowNegativeBalance: boolean;
  budgetPoints: number | null;
  awardedPoints: number;
  memberCapPoints: number | null;
  memberCapPeriod: CapPeriod;
  version: number;
  timeZone: string;
};

/** Reads the programme of the transaction's tenant. */
export async function readProgram(tx: Tx): Promise<Program> {
  const row = await tx
    .selectFrom('tenants')
    .leftJoin('loyalty_programs as p', 'p.tenant_id', 'tenants.tenant_id')
    .select([
      'tenants.time_zone',
      'p.enabled',
      'p.expiry_policy',
      'p.expiry_period',
      'p.return_window_days',
      'p.allow_negative_balance',
      'p.budget_points',
      'p.awarded_points',
      'p.member_cap_points',
      'p.member_cap_period',
      'p.version',
    ])
    .executeTakeFirstOrThrow();
  return {
    enabled: row.enabled ?? true,
    expiryPolicy: row.expiry_policy ?? 'never',
    expiryPeriod: row.expiry_period ?? 0,
    returnWindowDays: row.return_window_days ?? 0,
    allowNegativeBalance: row.allow_negative_balance ?? true,
    budgetPoints: row.budget_points ?? null,
    awardedPoints: row.awarded_points ?? 0,
    memberCapPoints: row.member_cap_points ?? null,
    memberCapPeriod: row.member_cap_period ?? 'day',
    version: row.version ?? 0,
    timeZone: row.time_zone,
  };
}

/** When points earned now lapse under the programme's policy. */
export const defaultExpiry = (p: Program, earnedAt: Date): Date | null =>
  pointsExpiry(earnedAt, {
    policy: p.expiryPolicy,
    period: p.expiryPeriod,
    timeZone: p.timeZone,
  });
