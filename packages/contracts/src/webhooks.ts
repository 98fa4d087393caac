import { z } from 'zod';
import { IsoDateTime, PageQuery, Uuid, Version } from './common';

/**
 * The domain events a business can receive at its own endpoints, as the modules record them
 * (`events.record`). Payloads carry ids and the event's own facts, never phone numbers or emails.
 */
export const WEBHOOK_EVENT_TYPES = [
  'member.created',
  'member.updated',
  'member.merged',
  'member.erased',
  'member.consent_changed',
  'points.earned',
  'points.spent',
  'points.adjusted',
  'points.expired',
  'points.confirmed',
  'points.clawed_back',
  'points.reversed',
  'tier.changed',
  'coupon.issued',
  'coupon.redeemed',
  'coupon.voided',
  'coupon.redemption_reversed',
  'stored_value.top_up',
  'stored_value.spend',
  'stored_value.refund',
  'purchase.recorded',
  'purchase.returned',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The type of the event "send test event" posts; never recorded as a domain event. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const WebhookEndpoint = z.object({
  endpointId: Uuid,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(WebhookEventType),
  active: z.boolean(),
  version: Version,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

const endpointFields = {
  /** http or https; checked by the server (no credentials, no link-local or metadata hosts). */
  url: z.string().trim().min(1).max(2000),
  description: z.string().trim().max(200).default(''),
  eventTypes: z
    .array(WebhookEventType)
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length)
    .refine((a) => new Set(a).size === a.length, 'each event type once'),
  active: z.boolean().default(true),
};
export const WebhookEndpointCreate = z.strictObject(endpointFields);
export const WebhookEndpointUpdate = z.strictObject({ ...endpointFields, version: Version });

/** A new endpoint or a rotated secret: the secret is shown this once and never again. */
export const WebhookEndpointWithSecret = z.object({
  endpoint: WebhookEndpoint,
  secret: z.string(),
});

export const WebhookDeliveryState = z.enum(['pending', 'succeeded', 'failed']);
export const WebhookDelivery = z.object({
  deliveryId: Uuid,
  endpointId: Uuid,
  eventId: Uuid,
  eventType: z.string(),
  state: WebhookDeliveryState,
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryQuery = PageQuery.extend({ state: WebhookDeliveryState.optional() });
