import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from './schema';

export type ExpiryPolicy = 'never' | 'after_days' | 'end_of_month' | 'end_of_year';
export type CapPeriod = 'day' | 'month' | 'year' | 'lifetime';

export type LoyaltyProgramsTable = {
  tenant_id: string;
  enabled: Generated<boolean>;
  expiry_policy: Generated<ExpiryPolicy>;
  expiry_period: Generated<number>;
  return_window_days: Generated<number>;
  allow_negative_balance: Generated<boolean>;
  budget_points: number | null;
  awarded_points: Generated<number>;
  member_cap_points: number | null;
  member_cap_period: Generated<CapPeriod>;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
};

export type EarningRulesTable = {
  tenant_id: string;
  rule_id: string;
  name: string;
  kind: 'spend' | 'action';
  action: string | null;
  points: number;
  per_amount_minor: string | number | null;
  store_ids: Generated<string[]>;
  product_ids: Generated<string[]>;
  category_ids: Generated<string[]>;
  weekdays: Generated<number[]>;
  starts_on: string | null;
  ends_on: string | null;
  apply_tier_multiplier: Generated<boolean>;
  cap_per_member: number | null;
  cap_period: Generated<CapPeriod>;
  budget_points: number | null;
  awarded_points: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type PointsBalancesTable = {
  tenant_id: string;
  member_id: string;
  available: Generated<number>;
  pending: Generated<number>;
  updated_at: GeneratedTimestamp;
};

export type PointsEntryKind =
  'earn' | 'confirm' | 'spend' | 'reverse' | 'expire' | 'adjust' | 'clawback';

export type PointsEntriesTable = {
  tenant_id: string;
  entry_id: string;
  member_id: string;
  kind: PointsEntryKind;
  points: number;
  pending_points: Generated<number>;
  reason: string;
  source: string;
  source_ref: string;
  actor_type: 'staff' | 'api_key' | 'system' | 'member';
  actor_id: string | null;
  rule_id: string | null;
  details: Json;
  balance_after: number;
  occurred_at: Timestamp;
  seq: Generated<string>;
};

export type PointsBatchesTable = {
  tenant_id: string;
  batch_id: string;
  member_id: string;
  entry_id: string;
  status: 'pending' | 'active' | 'expired' | 'void';
  earned: number;
  remaining: number;
  confirm_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_at: Timestamp;
};

export type PointsAllocationsTable = {
  tenant_id: string;
  entry_id: string;
  batch_id: string;
  points: number;
};

export type PointsRuleAwardsTable = {
  tenant_id: string;
  entry_id: string;
  rule_id: string;
  member_id: string;
  points: number;
  occurred_at: Timestamp;
};

export type PurchaseReturnsTable = {
  tenant_id: string;
  return_id: string;
  purchase_id: string;
  member_id: string;
  external_id: string;
  lines: Json;
  amount_minor: string | number;
  points: number;
  actor_id: string | null;
  occurred_at: Timestamp;
};

export type StoredValueAccountsTable = {
  tenant_id: string;
  member_id: string;
  balance_minor: Generated<string>;
  updated_at: GeneratedTimestamp;
};

export type StoredValueEntriesTable = {
  tenant_id: string;
  entry_id: string;
  member_id: string;
  kind: 'top_up' | 'spend' | 'refund';
  amount_minor: string | number;
  balance_after: string | number;
  external_id: string;
  refund_of: string | null;
  store_id: string | null;
  reason: Generated<string>;
  actor_type: string;
  actor_id: string | null;
  occurred_at: Timestamp;
};

export type LoyaltyTables = {
  loyalty_programs: LoyaltyProgramsTable;
  earning_rules: EarningRulesTable;
  points_balances: PointsBalancesTable;
  points_entries: PointsEntriesTable;
  points_batches: PointsBatchesTable;
  points_allocations: PointsAllocationsTable;
  points_rule_awards: PointsRuleAwardsTable;
  purchase_returns: PurchaseReturnsTable;
  stored_value_accounts: StoredValueAccountsTable;
  stored_value_entries: StoredValueEntriesTable;
};
