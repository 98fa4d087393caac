import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { endpointTypes } from './endpoint-types';
import { attemptDelivery, SEND_QUEUE } from './send';
import { webhookSubscriber } from './subscriber';
import { SWEEP_CRON, SWEEP_QUEUE, sweepWebhooks } from './sweep';
import { registerWebhookRoutes } from './webhooks.routes';

/**
 * Outgoing webhooks: a business's endpoints receive the member, points, tier, coupon, stored
 * value and purchase events they subscribe to, signed, retried with backoff, logged per attempt.
 */
export function setupWebhooks(ctx: AppContext): void {
  ctx.events.subscribe(webhookSubscriber(ctx));
  ctx.jobs.define(
    SEND_QUEUE,
    async (data) => {
      await attemptDelivery(ctx, data.tenantId, String(data.deliveryId));
    },
    { batchSize: 20, queue: { expireInSeconds: 60, retryLimit: 5, retryBackoff: true } },
  );
  ctx.jobs.define(
    SWEEP_QUEUE,
    async () => {
      await sweepWebhooks(ctx);
    },
    { cron: SWEEP_CRON, batchSize: 1 },
  );
}

export function registerWebhooksRoutes(api: Api): void {
  registerWebhookRoutes(api);
  api.addHook('onClose', async () => endpointTypes(api.ctx).close());
}

export { RETRY_SCHEDULE_MS } from './send';
