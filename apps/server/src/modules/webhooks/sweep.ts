import { sql } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { enqueueSend } from './send';

export const SWEEP_QUEUE = 'webhook-sweep';
export const SWEEP_CRON = '*/5 * * * *';
/** Overdue by this much, an attempt's job is taken as lost (its worker died mid-POST). */
const OVERDUE_MS = 10 * 60_000;

/**
 * Enqueues again every attempt that is overdue: a job lost with its worker, or an attempt
 * leased by a worker that never recorded the outcome. Safe to run twice (an attempt that is not
 * due, or no longer pending, is left alone by the send job).
 */
export async function sweepWebhooks(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - OVERDUE_MS);
  const tenants = await ctx.db.withoutTenant((tx) =>
    sql<{ t: string }>`SELECT webhook_overdue_tenants(${before}) AS t`.execute(tx),
  );
  let n = 0;
  for (const { t } of tenants.rows) {
    n += await ctx.db.withTenant(t, async (tx) => {
      const due = await tx
        .selectFrom('webhook_deliveries')
        .select('delivery_id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<', before)
        .limit(1000)
        .execute();
      for (const d of due) await enqueueSend(ctx, tx, t, d.delivery_id);
      return due.length;
    });
  }
  return n;
}
