import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from './schema';

export type MessagingSettingsTable = {
  tenant_id: string;
  cap_count: number | null;
  cap_days: Generated<number>;
  email_from_name: Generated<string>;
  email_reply_to: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
};

export type MessageTemplatesTable = {
  tenant_id: string;
  template_id: string;
  name: string;
  category: string;
  variants: Json;
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type MessageDeliveriesTable = {
  tenant_id: string;
  delivery_id: string;
  cause: string;
  member_id: string | null;
  channel: string;
  category: string;
  to_address: string;
  language: string | null;
  template_id: string | null;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  holdout: Generated<boolean>;
  state: Generated<string>;
  reason: string | null;
  detail: string | null;
  batch_id: string | null;
  not_before: Timestamp | null;
  attempts: Generated<number>;
  last_attempt_at: Timestamp | null;
  provider: string | null;
  provider_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  updated_at: GeneratedTimestamp;
};

export type MessageBlocksTable = {
  tenant_id: string;
  channel: string;
  address: string;
  reason: string;
  detail: string | null;
  delivery_id: string | null;
  created_at: GeneratedTimestamp;
};

export type MessageCapReservationsTable = {
  tenant_id: string;
  member_id: string;
  delivery_id: string;
  reserved_at: Timestamp;
};

export type InboundMessagesTable = {
  tenant_id: string;
  inbound_id: string;
  channel: string;
  from_address: string;
  member_id: string | null;
  body_text: string;
  kind: string;
  received_at: Timestamp;
  /** The gateway's id of the message (Kannel's %I): a message sent again is stored once. */
  provider_id: string | null;
  created_at: GeneratedTimestamp;
};

/** A late bounce (RFC 3464 notification) of an email, kept once per notification. */
export type EmailBouncesTable = {
  tenant_id: string;
  bounce_id: string;
  delivery_id: string;
  dsn_key: string;
  kind: string;
  action: string;
  status: string;
  recipient: string | null;
  diagnostic: string | null;
  received_at: Timestamp;
};

export type MessagingTables = {
  messaging_settings: MessagingSettingsTable;
  message_templates: MessageTemplatesTable;
  message_deliveries: MessageDeliveriesTable;
  message_blocks: MessageBlocksTable;
  message_cap_reservations: MessageCapReservationsTable;
  inbound_messages: InboundMessagesTable;
  email_bounces: EmailBouncesTable;
};
