import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { registerBounceRoutes } from './bounces.routes';
import { registerChannelDriver } from './channel';
import { dispatchBatch } from './dispatch';
import { releaseHeld } from './release';
import { createEmailDriver } from './email-driver';
import { registerMessagingApiRoutes } from './messaging.routes';
import {
  RELEASE_QUEUE,
  SEND_JOBS_PER_FETCH,
  SEND_QUEUE,
  SEND_QUEUE_OPTIONS,
} from './outbox.service';
import { registerMessageTimeline } from './timeline';
import { registerUnsubscribeRoutes } from './unsubscribe.routes';
import { createWebhookDriver } from './webhook-driver';

/**
 * Messaging: the outbox, the send gate, templates and channels. Every message — a sign-in code,
 * a note typed by staff, a campaign — enters through `enqueueMessage` in its cause's transaction.
 */
export function setupMessaging(ctx: AppContext): void {
  registerMessageTimeline();
  ctx.jobs.define(
    SEND_QUEUE,
    async (data) => {
      await dispatchBatch(ctx, data.tenantId, String(data.batchId));
    },
    { batchSize: SEND_JOBS_PER_FETCH, queue: SEND_QUEUE_OPTIONS },
  );
  ctx.jobs.define(RELEASE_QUEUE, async (data) => {
    await releaseHeld(ctx, data.tenantId);
  });
  if (ctx.config.smtpUrl) {
    registerChannelDriver(
      createEmailDriver({ url: ctx.config.smtpUrl, from: ctx.config.mailFrom }),
      'email',
    );
  }
  // Each business posts to its own endpoint; without one, its webhook messages stay in the outbox.
  registerChannelDriver(createWebhookDriver({ now: () => ctx.clock.now() }), 'webhook');
}

export function registerMessagingRoutes(api: Api): void {
  registerMessagingApiRoutes(api);
  registerUnsubscribeRoutes(api);
  registerBounceRoutes(api);
}

export {
  registerChannelDriver,
  type ChannelDriver,
  type ChannelKind,
  type OutboundMessage,
  type SendResult,
} from './channel';
export {
  enqueueMessage,
  enqueueMessages,
  type EnqueueInput,
  type Enqueued,
} from './outbox.service';
export { dispatchBatch } from './dispatch';
export { releaseHeld } from './release';
export { registerTemplateVariables, type VariableProvider } from './variables';
export { applyDeliveryReport, type DeliveryReport } from './reports.service';
export { receiveInbound, isUnsubscribeKeyword, type InboundInput } from './inbound.service';
