import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Timestamp } from './schema';

type Numeric = string | number;

export type TierSettingsTable = {
  tenant_id: string;
  basis: Generated<'points' | 'spend'>;
  qualify_window: Generated<'rolling_12m' | 'calendar_year' | 'since_change'>;
  period_months: Generated<number>;
  grace_days: Generated<number>;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
};

export type TiersTable = {
  tenant_id: string;
  tier_id: string;
  name: string;
  threshold: Numeric;
  points_multiplier: Generated<Numeric>;
  discount_rate: Generated<Numeric>;
  perks: Generated<string>;
  event_access: Generated<boolean>;
  perk_reward_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type MemberTiersTable = {
  tenant_id: string;
  member_id: string;
  tier_id: string | null;
  status: 'member' | 'former';
  since: Timestamp;
  below_since: Timestamp | null;
  evaluated_at: Timestamp | null;
  version: Generated<number>;
};

export type TierHistoryTable = {
  tenant_id: string;
  history_id: string;
  member_id: string;
  from_tier_id: string | null;
  to_tier_id: string | null;
  change: 'upgrade' | 'downgrade' | 'lapse';
  value: Numeric;
  window_from: Timestamp | null;
  window_to: Timestamp | null;
  at: Timestamp;
};

export type RewardsTable = {
  tenant_id: string;
  reward_id: string;
  kind: 'fixed_amount' | 'percent' | 'free_item' | 'gift' | 'lottery_entry';
  name: string;
  description: Generated<string>;
  amount_minor: Numeric | null;
  percent_off: Numeric | null;
  item_name: string | null;
  min_spend_minor: Generated<Numeric>;
  cost_points: Generated<number>;
  stock_total: number | null;
  stock_left: number | null;
  per_member_limit: number | null;
  valid_from: Timestamp | null;
  valid_until: Timestamp | null;
  coupon_valid_days: Generated<number>;
  redeemable: Generated<boolean>;
  active: Generated<boolean>;
  issued_count: Generated<number>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type RewardRulesTable = {
  tenant_id: string;
  rule: 'birthday';
  reward_id: string;
  active: Generated<boolean>;
};

export type CouponsTable = {
  tenant_id: string;
  coupon_id: string;
  code: string;
  reward_id: string;
  member_id: string;
  source: 'redemption' | 'tier_perk' | 'birthday' | 'bulk' | 'game' | 'mission';
  source_ref: string | null;
  points_cost: Generated<number>;
  points_entry_id: string | null;
  status: Generated<'issued' | 'redeemed' | 'void'>;
  valid_from: Timestamp;
  valid_until: Timestamp;
  issued_at: Timestamp;
  issued_by: string | null;
  redeemed_at: Timestamp | null;
  redeemed_store_id: string | null;
  redeemed_by: string | null;
  redemption_ref: string | null;
  voided_at: Timestamp | null;
  void_reason: string | null;
  version: Generated<number>;
};

export type BadgesTable = {
  tenant_id: string;
  badge_id: string;
  name: string;
  description: Generated<string>;
  icon: Generated<string>;
  created_at: GeneratedTimestamp;
};

export type MissionsTable = {
  tenant_id: string;
  mission_id: string;
  name: string;
  description: Generated<string>;
  kind: 'count' | 'streak';
  event_type: string;
  event_filter: string | null;
  target: number;
  window_days: number | null;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  reward_points: Generated<number>;
  reward_id: string | null;
  badge_id: string | null;
  repeatable: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type MissionStepsTable = {
  tenant_id: string;
  mission_id: string;
  member_id: string;
  ref: string;
  at: Timestamp;
  local_day: string | Date;
};

export type MissionCompletionsTable = {
  tenant_id: string;
  mission_id: string;
  member_id: string;
  round: number;
  completed_at: Timestamp;
  points_awarded: Generated<number>;
  coupon_id: string | null;
};

export type MemberBadgesTable = {
  tenant_id: string;
  member_id: string;
  badge_id: string;
  mission_id: string | null;
  granted_at: Timestamp;
};

export type GamesTable = {
  tenant_id: string;
  game_id: string;
  name: string;
  cost_points: Generated<number>;
  plays_per_day: number | null;
  budget_points: Numeric | null;
  spent_points: Generated<Numeric>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
};

export type GamePrizesTable = {
  tenant_id: string;
  game_id: string;
  prize_id: string;
  label: string;
  position: number;
  odds_ppm: number;
  points: Generated<number>;
  reward_id: string | null;
  quantity: number | null;
  won: Generated<number>;
};

export type GameDrawsTable = {
  tenant_id: string;
  draw_id: string;
  game_id: string;
  member_id: string;
  random_value: number;
  prize_id: string | null;
  outcome: 'won' | 'lost' | 'out_of_budget';
  points_awarded: Generated<number>;
  coupon_id: string | null;
  at: Timestamp;
};

/** Tiers, rewards and coupons, missions, badges and games of the loyalty programme. */
export type RewardsTables = {
  tier_settings: TierSettingsTable;
  tiers: TiersTable;
  member_tiers: MemberTiersTable;
  tier_history: TierHistoryTable;
  rewards: RewardsTable;
  reward_rules: RewardRulesTable;
  coupons: CouponsTable;
  badges: BadgesTable;
  missions: MissionsTable;
  mission_steps: MissionStepsTable;
  mission_completions: MissionCompletionsTable;
  member_badges: MemberBadgesTable;
  games: GamesTable;
  game_prizes: GamePrizesTable;
  game_draws: GameDrawsTable;
};
