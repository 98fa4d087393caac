import type { Tx } from '@regulars/db';
import { tierPrivileges } from '../tiers/privileges';

/** The member's points multiplier from their tier's privileges (1 without a tier). */
export async function tierMultiplier(tx: Tx, memberId: string | null): Promise<number> {
  if (!memberId) return 1;
  return (await tierPrivileges(tx, memberId))?.pointsMultiplier ?? 1;
}
