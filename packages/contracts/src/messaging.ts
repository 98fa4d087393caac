import { z } from 'zod';
import { IsoDateTime, Language, Uuid, Version } from './common';
import { timelineEntry } from './timeline';

export const MessageChannel = z.enum(['email', 'sms', 'webhook']);
export type MessageChannel = z.infer<typeof MessageChannel>;
export const MessageCategory = z.enum(['transactional', 'marketing']);
export type MessageCategory = z.infer<typeof MessageCategory>;
export const DeliveryState = z.enum([
  'queued',
  'held',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
]);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** One message to one recipient on one channel: a row of the outbox. */
export const Delivery = z.object({
  deliveryId: Uuid,
  cause: z.string(),
  memberId: Uuid.nullable(),
  memberName: z.string().nullable(),
  channel: MessageChannel,
  category: MessageCategory,
  to: z.string(),
  subject: z.string().nullable(),
  /** Null when hidden: a transactional message (a sign-in code) once it really went out. */
  text: z.string().nullable(),
  html: z.string().nullable(),
  state: DeliveryState,
  /** Why it is held, suppressed, failed or bounced: quiet_hours, no_consent, blocked, … */
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  attempts: z.number().int(),
  /** 'development' when no server was configured for the channel: it never left the outbox. */
  provider: z.string().nullable(),
  notBefore: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryQuery = z.strictObject({
  state: DeliveryState.optional(),
  channel: MessageChannel.optional(),
  memberId: Uuid.optional(),
  /** Only what stayed in the outbox because the channel has no server configured. */
  development: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const TemplateVariant = z.strictObject({
  subject: z.string().max(300).optional(),
  /** Plain text: the SMS, webhook and email text part (and email HTML when `html` is empty). */
  text: z.string().min(1).max(10_000),
  /** Email HTML; member values are escaped into it. */
  html: z.string().max(100_000).optional(),
});
export type TemplateVariant = z.infer<typeof TemplateVariant>;

export const TemplateVariants = z.partialRecord(Language, TemplateVariant);

export const Template = z.object({
  templateId: Uuid,
  name: z.string(),
  category: MessageCategory,
  variants: TemplateVariants,
  active: z.boolean(),
  version: Version,
  updatedAt: IsoDateTime,
});
export type Template = z.infer<typeof Template>;

export const TemplateCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  category: MessageCategory,
  variants: TemplateVariants,
});
export const TemplateUpdate = TemplateCreate.extend({ active: z.boolean(), version: Version });

export const TemplateVariable = z.object({
  key: z.string(),
  label: z.record(Language, z.string()),
  example: z.string(),
});

/** What staff send from the member card: a template, or their own words. */
export const MemberMessageCreate = z.strictObject({
  channel: MessageChannel,
  category: MessageCategory.default('transactional'),
  templateId: Uuid.optional(),
  subject: z.string().trim().max(300).optional(),
  text: z.string().trim().max(2000).optional(),
});

export const MessagePreviewRequest = z.strictObject({
  memberId: Uuid,
  channel: MessageChannel,
  templateId: Uuid.optional(),
  variants: TemplateVariants.optional(),
  subject: z.string().max(300).optional(),
  text: z.string().max(10_000).optional(),
});
export const MessagePreview = z.object({
  language: Language,
  to: z.string().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
});

export const MessagingSettings = z.object({
  /** Marketing messages per member in `capDays` days, all channels together; null = no cap. */
  capCount: z.number().int().min(1).max(1000).nullable(),
  capDays: z.number().int().min(1).max(365),
  emailFromName: z.string().max(100),
  emailReplyTo: z.email().nullable(),
  webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
  /** Never returned: only whether one is set. */
  webhookSecretSet: z.boolean(),
  version: Version,
});
export const MessagingSettingsUpdate = z.strictObject({
  capCount: z.number().int().min(1).max(1000).nullable(),
  capDays: z.number().int().min(1).max(365),
  emailFromName: z.string().trim().max(100),
  emailReplyTo: z.email().nullable(),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  /** A new secret (16+ characters); omitted keeps the current one. */
  webhookSecret: z.string().min(16).max(200).optional(),
  version: Version,
});

/** Which channels really send; the others keep messages in the outbox (development mode). */
export const MessagingStatus = z.object({
  channels: z.array(z.object({ channel: MessageChannel, live: z.boolean() })),
});

/**
 * What a message handed to an email's bounce address did: `bounced` (hard, 5.x.x: the address is
 * blocked), `failed` (a final 4.x.x), `delayed` (recorded only), `duplicate` (this notification was
 * applied before), `not_a_bounce` (an out-of-office reply or anything without a failed recipient).
 */
export const BounceReceipt = z.object({
  outcome: z.enum(['bounced', 'failed', 'delayed', 'duplicate', 'not_a_bounce']),
});

/** A message sent to the member, on their timeline (words hidden for sign-in codes and receipts). */
export const MessageEntry = timelineEntry('message', {
  channel: MessageChannel,
  category: MessageCategory,
  state: DeliveryState,
  reason: z.string().nullable(),
  subject: z.string().nullable(),
  /** The first 300 characters; null for a transactional message that really went out. */
  text: z.string().nullable(),
  senderName: z.string().nullable(),
});
/** A reply the member sent (SMS), on their timeline. */
export const MessageReplyEntry = timelineEntry('message_reply', {
  channel: MessageChannel,
  replyKind: z.enum(['unsubscribe', 'reply']),
  text: z.string(),
});
