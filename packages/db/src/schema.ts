import type { ColumnType, Generated } from 'kysely';
import type { CallsTables } from './schema-calls';
import type { CatalogTables } from './schema-catalog';
import type { ImportsTables } from './schema-imports';
import type { LoyaltyTables } from './schema-loyalty';
import type { MembersTables } from './schema-members';
import type { RewardsTables } from './schema-rewards';
import type { MessagingTables } from './schema-messaging';
import type { WebhooksTables } from './schema-webhooks';

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string | undefined, string>;

export type TenantCountersTable = { tenant_id: string; counter: string; value: Generated<string> };

export type TenantsTable = {
  tenant_id: string;
  slug: string;
  name: string;
  default_language: Generated<string>;
  time_zone: Generated<string>;
  currency: Generated<string>;
  phone_country: Generated<string>;
  roc_dates: Generated<boolean>;
  quiet_hours_start: Generated<string>;
  quiet_hours_end: Generated<string>;
  brand_color: Generated<string>;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type StoresTable = {
  tenant_id: string;
  store_id: string;
  code: string;
  name: string;
  address: Generated<string>;
  phone: Generated<string>;
  time_zone: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type RolesTable = {
  tenant_id: string;
  role_id: string;
  system_key: string | null;
  name: string;
  permissions: string[];
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type StaffTable = {
  tenant_id: string;
  staff_id: string;
  email: string;
  name: string;
  password_hash: string;
  role_id: string;
  store_ids: string[] | null;
  phone_extension: string | null;
  language: string | null;
  active: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type SessionsTable = {
  tenant_id: string;
  session_id: string;
  token_hash: Buffer;
  staff_id: string;
  csrf_token: string;
  store_id: string | null;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
};

export type ApiKeysTable = {
  tenant_id: string;
  api_key_id: string;
  prefix: string;
  secret_hash: string;
  name: string;
  store_id: string | null;
  permissions: string[];
  created_by: string | null;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
};

export type AuditLogTable = {
  tenant_id: string;
  audit_id: Generated<string>;
  at: GeneratedTimestamp;
  actor_type: 'staff' | 'api_key' | 'system' | 'member';
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
};

export type DomainEventsTable = {
  tenant_id: string;
  event_id: string;
  type: string;
  payload: Json;
  occurred_at: GeneratedTimestamp;
};

export type EventDeliveriesTable = {
  tenant_id: string;
  event_id: string;
  subscriber: string;
  delivered_at: GeneratedTimestamp;
};

export type IdempotencyKeysTable = {
  tenant_id: string;
  key: string;
  actor_id: string;
  route: string;
  request_hash: string;
  response_status: number;
  response_body: Json | null;
  created_at: GeneratedTimestamp;
};

/** The database as Kysely sees it: the platform's tables and each module's (schema-<module>.ts). */
export type Database = {
  tenants: TenantsTable;
  stores: StoresTable;
  roles: RolesTable;
  staff: StaffTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  domain_events: DomainEventsTable;
  event_deliveries: EventDeliveriesTable;
  idempotency_keys: IdempotencyKeysTable;
  tenant_counters: TenantCountersTable;
} & MembersTables &
  CatalogTables &
  ImportsTables &
  LoyaltyTables &
  CallsTables &
  MessagingTables &
  RewardsTables &
  WebhooksTables;
