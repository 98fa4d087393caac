import { randomUUID } from 'node:crypto';
import type { Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { BATCH_SIZE, SEND_QUEUE } from './outbox.service';

/** Messages of the batch waiting for a retry get the batch sent again when the first is due. */
export async function scheduleRetry(
  ctx: AppContext,
  tx: Tx,
  tenantId: string,
  batchId: string,
): Promise<void> {
  const next = await tx
    .selectFrom('message_deliveries')
    .select((eb) => eb.fn.min('not_before').as('at'))
    .where('batch_id', '=', batchId)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  if (!next?.at) return;
  const startAfter = Math.max(
    1,
    Math.ceil((new Date(next.at).getTime() - ctx.clock.now().getTime()) / 1000),
  );
  await ctx.jobs.enqueue(tx, SEND_QUEUE, { tenantId, batchId }, { startAfter });
}

/** Held messages whose quiet hours are over go back into the outbox, in batches. */
export async function releaseHeld(ctx: AppContext, tenantId: string): Promise<number> {
  let released = 0;
  for (;;) {
    const n = await ctx.db.withTenant(tenantId, async (tx) => {
      const due = await tx
        .selectFrom('message_deliveries')
        .select('delivery_id')
        .where('state', '=', 'held')
        .where('not_before', '<=', ctx.clock.now())
        .orderBy('not_before')
        .limit(BATCH_SIZE)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return 0;
      const batchId = randomUUID();
      await tx
        .updateTable('message_deliveries')
        .set({
          state: 'queued',
          reason: null,
          not_before: null,
          batch_id: batchId,
          updated_at: ctx.clock.now(),
        })
        .where(
          'delivery_id',
          'in',
          due.map((d) => d.delivery_id),
        )
        .execute();
      await ctx.jobs.enqueue(tx, SEND_QUEUE, { tenantId, batchId });
      return due.length;
    });
    released += n;
    if (n < BATCH_SIZE) return released;
  }
}
