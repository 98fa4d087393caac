import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './schema';

export type WebhookEndpointsTable = {
  tenant_id: string;
  endpoint_id: string;
  url: string;
  description: Generated<string>;
  event_types: string[];
  active: Generated<boolean>;
  secret: string;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type WebhookDeliveriesTable = {
  tenant_id: string;
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  body: string;
  state: Generated<'pending' | 'succeeded' | 'failed'>;
  attempts: Generated<number>;
  attempt_base: Generated<number>;
  next_attempt_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  created_at: GeneratedTimestamp;
};

export type WebhooksTables = {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
};
