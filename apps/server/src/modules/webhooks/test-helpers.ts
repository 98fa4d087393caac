import type { AppContext } from '../../http/context';
import { attemptDelivery } from './send';

/**
 * What the workers do, now: delivers the tenant's domain events to subscribers (a no-op for
 * those already done), then makes every webhook attempt that is due by the test clock.
 */
export async function drainWebhooks(ctx: AppContext, tenantId: string): Promise<void> {
  const events = await ctx.db.withTenant(tenantId, (tx) =>
    tx.selectFrom('domain_events').select('event_id').orderBy('occurred_at').execute(),
  );
  for (const e of events) await ctx.events.deliver(tenantId, e.event_id);
  const due = await ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('webhook_deliveries')
      .select('delivery_id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', ctx.clock.now())
      .orderBy('created_at')
      .execute(),
  );
  for (const d of due) await attemptDelivery(ctx, tenantId, d.delivery_id);
}

type Inject = (opts: {
  method: 'GET' | 'POST';
  url: string;
  payload?: object;
}) => Promise<{ statusCode: number; body: string; json(): any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

/**
 * An endpoint and a delivery of one business (tenant-isolation test): the endpoint points at a
 * closed loopback port, so its test event is logged as a failed attempt and nothing leaves.
 */
export async function seedWebhooks(admin: { inject: Inject }, slug: string) {
  const made = await admin.inject({
    method: 'POST',
    url: '/api/webhooks',
    payload: {
      url: `http://127.0.0.1:9/hooks-of-${slug}`,
      description: `Hook of ${slug}`,
      eventTypes: ['member.created'],
    },
  });
  if (made.statusCode !== 200) throw new Error(`webhook: ${made.body}`);
  const { endpoint, secret } = made.json();
  const test = await admin.inject({
    method: 'POST',
    url: `/api/webhooks/${endpoint.endpointId}/test`,
  });
  if (test.statusCode !== 200) throw new Error(`webhook test: ${test.body}`);
  const deliveryId: string = test.json().deliveryId;
  return {
    endpointId: endpoint.endpointId as string,
    deliveryId,
    marks: [endpoint.endpointId, deliveryId, `hooks-of-${slug}`, `Hook of ${slug}`, secret],
  };
}
