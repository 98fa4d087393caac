import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json } from './schema';

export type CustomFieldsTable = {
  tenant_id: string;
  field_key: string;
  label: Json;
  type: string;
  options: Json;
  required: Generated<boolean>;
  position: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type MembersTable = {
  tenant_id: string;
  member_id: string;
  card_number: string;
  name: string;
  gender: Generated<string>;
  birthday: string | null;
  phone: string | null;
  other_phones: Generated<string[]>;
  email: string | null;
  address: Generated<string>;
  preferred_channel: string | null;
  language: string | null;
  time_zone: string | null;
  home_store_id: string | null;
  external_id: string | null;
  source: string;
  source_ref: Json;
  field_sources: Json;
  consents: Json;
  custom: Json;
  tags: Generated<string[]>;
  search_latin: string;
  name_initials: string;
  name_grams: string[];
  status: Generated<string>;
  merged_into: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type MemberConsentHistoryTable = {
  tenant_id: string;
  entry_id: Generated<string>;
  member_id: string;
  channel: string;
  granted: boolean;
  source: string;
  actor_id: string | null;
  at: GeneratedTimestamp;
};

export type MembersTables = {
  custom_fields: CustomFieldsTable;
  members: MembersTable;
  member_consent_history: MemberConsentHistoryTable;
};
