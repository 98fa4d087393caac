import { sql } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { runBirthdayCoupons } from '../rewards/coupons.service';
import { runTierReevaluation } from './tier-reevaluation';

export const NIGHTLY_QUEUE = 'rewards-nightly';
/** Once a day, early morning in East Asia (UTC+8: 02:15). */
export const NIGHTLY_CRON = '15 18 * * *';

/**
 * The nightly work of tiers and rewards for every business that has tiers or a birthday rule:
 * tier re-evaluation (grace periods, downgrades) and today's birthday coupons, by the injectable
 * clock. Safe to run twice: both are. Returns the number of businesses visited.
 */
export async function runRewardsNightly(ctx: AppContext): Promise<number> {
  const tenants = await ctx.db.withoutTenant((tx) =>
    sql<{ t: string }>`SELECT rewards_nightly_tenants() AS t`.execute(tx),
  );
  for (const { t } of tenants.rows) {
    await runTierReevaluation(ctx, t);
    await runBirthdayCoupons(ctx, t);
  }
  return tenants.rows.length;
}
