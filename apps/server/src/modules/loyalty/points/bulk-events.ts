import type { Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';

/** The queue platform/events.ts delivers events through (its `QUEUE`). */
const DELIVERY_QUEUE = 'domain-event';

type Asks = { wanted(tx: Tx, tenantId: string, type: string): Promise<boolean> };

/**
 * The second half of `Events.record` for events a set-based statement has already inserted into
 * `domain_events` (in `tx`): enqueues their delivery, in the same transaction, exactly when
 * `record` would — when a subscriber takes the type for this tenant (asked once per call through
 * the same `wanted` that `record` asks per event). A business with no endpoint for the type pays
 * nothing; one with an endpoint gets one delivery job per event, as with `record`.
 */
export async function enqueueRecorded(
  ctx: Pick<AppContext, 'events' | 'jobs'>,
  tx: Tx,
  tenantId: string,
  type: string,
  eventIds: string[],
): Promise<void> {
  if (!eventIds.length) return;
  if (!(await (ctx.events as unknown as Asks).wanted(tx, tenantId, type))) return;
  for (const eventId of eventIds) await ctx.jobs.enqueue(tx, DELIVERY_QUEUE, { tenantId, eventId });
}
