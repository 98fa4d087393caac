import { sql } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { runPointsMaintenance } from './expiry';

export const SWEEP_QUEUE = 'loyalty-sweep';
/** Every hour: pending points confirm and points expire within the hour they fall due. */
export const SWEEP_CRON = '7 * * * *';

/**
 * Finds the tenants with points due (confirmations or expiries) through the narrow
 * `loyalty_due_tenants` function, and runs each one's maintenance. Safe to run twice.
 */
export async function sweepLoyalty(ctx: AppContext): Promise<number> {
  const due = await ctx.db.withoutTenant((tx) =>
    sql<{ t: string }>`SELECT loyalty_due_tenants(${ctx.clock.now()}) AS t`.execute(tx),
  );
  for (const { t } of due.rows) await runPointsMaintenance(ctx, t);
  return due.rows.length;
}
