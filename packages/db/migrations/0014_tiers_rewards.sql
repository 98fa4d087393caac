-- Tiers (等級), rewards and coupons, missions, badges and instant-win games of the loyalty
-- programme. Points themselves live in the points ledger; these tables refer to its entries.

-- How members qualify for tiers: one row per tenant.
CREATE TABLE tier_settings (
  tenant_id       uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  -- Points earned or money spent (minor units) within the window.
  basis           text NOT NULL DEFAULT 'spend' CHECK (basis IN ('points', 'spend')),
  qualify_window  text NOT NULL DEFAULT 'rolling_12m' CHECK (qualify_window IN ('rolling_12m', 'calendar_year', 'since_change')),
  -- For 'since_change': how long a member has to reach a threshold after their last change.
  period_months   integer NOT NULL DEFAULT 12 CHECK (period_months BETWEEN 1 AND 60),
  -- Days a member may stay below their tier's threshold before re-evaluation lowers it.
  grace_days      integer NOT NULL DEFAULT 30 CHECK (grace_days BETWEEN 0 AND 3650),
  version         integer NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
CALL make_tenant_table('tier_settings');

CREATE TABLE tiers (
  tenant_id          uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  tier_id            uuid NOT NULL,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  -- Points or minor units of money within the window; tiers are ordered by it.
  threshold          bigint NOT NULL CHECK (threshold >= 0),
  points_multiplier  numeric(6, 3) NOT NULL DEFAULT 1 CHECK (points_multiplier >= 0 AND points_multiplier <= 100),
  -- 0.05 is 5 % off.
  discount_rate      numeric(5, 4) NOT NULL DEFAULT 0 CHECK (discount_rate >= 0 AND discount_rate < 1),
  perks              text NOT NULL DEFAULT '' CHECK (length(perks) <= 2000),
  event_access       boolean NOT NULL DEFAULT false,
  -- A reward whose coupon every member reaching this tier receives (a tier perk).
  perk_reward_id     uuid,
  active             boolean NOT NULL DEFAULT true,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, tier_id)
);
CREATE UNIQUE INDEX tiers_name ON tiers (tenant_id, lower(name)) WHERE active;
CREATE UNIQUE INDEX tiers_threshold ON tiers (tenant_id, threshold) WHERE active;
CALL make_tenant_table('tiers');

-- A member's tier now. No row: never had one. tier_id NULL with status 'former': had one, lapsed.
CREATE TABLE member_tiers (
  tenant_id     uuid NOT NULL,
  member_id     uuid NOT NULL,
  tier_id       uuid,
  status        text NOT NULL CHECK (status IN ('member', 'former')),
  -- When the current tier (or lapse) began: the start of a 'since_change' window.
  since         timestamptz NOT NULL,
  -- First re-evaluation that found the member below the tier's threshold; the grace runs from it.
  below_since   timestamptz,
  evaluated_at  timestamptz,
  version       integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, member_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, tier_id) REFERENCES tiers (tenant_id, tier_id),
  CHECK ((status = 'member') = (tier_id IS NOT NULL))
);
CREATE INDEX member_tiers_tier ON member_tiers (tenant_id, tier_id);
CALL make_tenant_table('member_tiers');

CREATE TABLE tier_history (
  tenant_id     uuid NOT NULL,
  history_id    uuid NOT NULL,
  member_id     uuid NOT NULL,
  from_tier_id  uuid,
  to_tier_id    uuid,
  change        text NOT NULL CHECK (change IN ('upgrade', 'downgrade', 'lapse')),
  -- The qualifying value (points or minor units) and window that decided it.
  value         bigint NOT NULL,
  window_from   timestamptz,
  window_to     timestamptz,
  at            timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, history_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX tier_history_member ON tier_history (tenant_id, member_id, at DESC);
CALL make_tenant_table('tier_history', true);

-- The rewards catalog.
CREATE TABLE rewards (
  tenant_id          uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  reward_id          uuid NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('fixed_amount', 'percent', 'free_item', 'gift', 'lottery_entry')),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  description        text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  amount_minor       bigint CHECK (amount_minor > 0),
  percent_off        numeric(5, 2) CHECK (percent_off > 0 AND percent_off <= 100),
  item_name          text,
  min_spend_minor    bigint NOT NULL DEFAULT 0 CHECK (min_spend_minor >= 0),
  cost_points        integer NOT NULL DEFAULT 0 CHECK (cost_points >= 0),
  -- NULL stock: unlimited. stock_left never goes below zero (the guard against overselling).
  stock_total        integer CHECK (stock_total >= 0),
  stock_left         integer CHECK (stock_left >= 0),
  per_member_limit   integer CHECK (per_member_limit > 0),
  valid_from         timestamptz,
  valid_until        timestamptz,
  -- How long an issued coupon stays usable.
  coupon_valid_days  integer NOT NULL DEFAULT 30 CHECK (coupon_valid_days BETWEEN 1 AND 3660),
  -- Members may redeem it for points themselves (else only issued by rules, bulk or games).
  redeemable         boolean NOT NULL DEFAULT true,
  active             boolean NOT NULL DEFAULT true,
  issued_count       integer NOT NULL DEFAULT 0,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, reward_id),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from)
);
CALL make_tenant_table('rewards');
ALTER TABLE tiers ADD FOREIGN KEY (tenant_id, perk_reward_id) REFERENCES rewards (tenant_id, reward_id);

-- Which reward members get on their birthday (at most one per tenant).
CREATE TABLE reward_rules (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  rule        text NOT NULL CHECK (rule IN ('birthday')),
  reward_id   uuid NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  PRIMARY KEY (tenant_id, rule),
  FOREIGN KEY (tenant_id, reward_id) REFERENCES rewards (tenant_id, reward_id)
);
CALL make_tenant_table('reward_rules');

CREATE TABLE coupons (
  tenant_id          uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  coupon_id          uuid NOT NULL,
  code               text NOT NULL,
  reward_id          uuid NOT NULL,
  member_id          uuid NOT NULL,
  source             text NOT NULL CHECK (source IN ('redemption', 'tier_perk', 'birthday', 'bulk', 'game', 'mission')),
  -- Natural key of the issuing cause ("birthday:2026", "tier:<id>", "bulk:<batch>"): issued once.
  source_ref         text,
  points_cost        integer NOT NULL DEFAULT 0,
  points_entry_id    uuid,
  status             text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'redeemed', 'void')),
  valid_from         timestamptz NOT NULL,
  valid_until        timestamptz NOT NULL,
  issued_at          timestamptz NOT NULL,
  issued_by          uuid,
  redeemed_at        timestamptz,
  redeemed_store_id  uuid,
  redeemed_by        uuid,
  redemption_ref     text,
  voided_at          timestamptz,
  void_reason        text,
  version            integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, coupon_id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, reward_id) REFERENCES rewards (tenant_id, reward_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX coupons_source ON coupons (tenant_id, member_id, reward_id, source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX coupons_member ON coupons (tenant_id, member_id, issued_at DESC);
CREATE INDEX coupons_reward ON coupons (tenant_id, reward_id, status);
CALL make_tenant_table('coupons');

-- Badges and missions ("do X N times within a window", daily streaks).
CREATE TABLE badges (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  badge_id     uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  description  text NOT NULL DEFAULT '',
  icon         text NOT NULL DEFAULT 'star',
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, badge_id)
);
CREATE UNIQUE INDEX badges_name ON badges (tenant_id, lower(name));
CALL make_tenant_table('badges');

CREATE TABLE missions (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  mission_id     uuid NOT NULL,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  description    text NOT NULL DEFAULT '',
  -- 'count': N matching events within window_days; 'streak': N consecutive local days.
  kind           text NOT NULL CHECK (kind IN ('count', 'streak')),
  event_type     text NOT NULL,
  -- Optional filter on the event: the points source ('check_in') or the custom action's name.
  event_filter   text,
  target         integer NOT NULL CHECK (target BETWEEN 1 AND 1000),
  window_days    integer CHECK (window_days BETWEEN 1 AND 3660),
  starts_at      timestamptz,
  ends_at        timestamptz,
  reward_points  integer NOT NULL DEFAULT 0 CHECK (reward_points >= 0),
  reward_id      uuid,
  badge_id       uuid,
  repeatable     boolean NOT NULL DEFAULT false,
  active         boolean NOT NULL DEFAULT true,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, mission_id),
  FOREIGN KEY (tenant_id, reward_id) REFERENCES rewards (tenant_id, reward_id),
  FOREIGN KEY (tenant_id, badge_id) REFERENCES badges (tenant_id, badge_id)
);
CREATE INDEX missions_event ON missions (tenant_id, event_type) WHERE active;
CALL make_tenant_table('missions');

-- Each counted event once per mission and member: a redelivered event is not counted twice.
CREATE TABLE mission_steps (
  tenant_id   uuid NOT NULL,
  mission_id  uuid NOT NULL,
  member_id   uuid NOT NULL,
  ref         text NOT NULL,
  at          timestamptz NOT NULL,
  local_day   date NOT NULL,
  PRIMARY KEY (tenant_id, mission_id, member_id, ref),
  FOREIGN KEY (tenant_id, mission_id) REFERENCES missions (tenant_id, mission_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX mission_steps_member ON mission_steps (tenant_id, member_id, mission_id, at DESC);
CALL make_tenant_table('mission_steps');

CREATE TABLE mission_completions (
  tenant_id      uuid NOT NULL,
  mission_id     uuid NOT NULL,
  member_id      uuid NOT NULL,
  -- 1 for a one-off mission; repeatable missions count up.
  round          integer NOT NULL,
  completed_at   timestamptz NOT NULL,
  points_awarded integer NOT NULL DEFAULT 0,
  coupon_id      uuid,
  PRIMARY KEY (tenant_id, mission_id, member_id, round),
  FOREIGN KEY (tenant_id, mission_id) REFERENCES missions (tenant_id, mission_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CALL make_tenant_table('mission_completions');

CREATE TABLE member_badges (
  tenant_id   uuid NOT NULL,
  member_id   uuid NOT NULL,
  badge_id    uuid NOT NULL,
  mission_id  uuid,
  granted_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, member_id, badge_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, badge_id) REFERENCES badges (tenant_id, badge_id)
);
CALL make_tenant_table('member_badges');

-- Instant-win games: prizes with odds in parts per million and a budget.
CREATE TABLE games (
  tenant_id          uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  game_id            uuid NOT NULL,
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  cost_points        integer NOT NULL DEFAULT 0 CHECK (cost_points >= 0),
  plays_per_day      integer CHECK (plays_per_day > 0),
  -- Points the game may give away in total; NULL: no points budget.
  budget_points      bigint CHECK (budget_points >= 0),
  spent_points       bigint NOT NULL DEFAULT 0,
  active             boolean NOT NULL DEFAULT true,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, game_id),
  CHECK (budget_points IS NULL OR spent_points <= budget_points)
);
CALL make_tenant_table('games');

CREATE TABLE game_prizes (
  tenant_id   uuid NOT NULL,
  game_id     uuid NOT NULL,
  prize_id    uuid NOT NULL,
  label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  position    integer NOT NULL,
  odds_ppm    integer NOT NULL CHECK (odds_ppm BETWEEN 1 AND 1000000),
  points      integer NOT NULL DEFAULT 0 CHECK (points >= 0),
  reward_id   uuid,
  -- How many of this prize may be won in all; NULL: no limit.
  quantity    integer CHECK (quantity >= 0),
  won         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, game_id, prize_id),
  FOREIGN KEY (tenant_id, game_id) REFERENCES games (tenant_id, game_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, reward_id) REFERENCES rewards (tenant_id, reward_id),
  CHECK (quantity IS NULL OR won <= quantity)
);
CALL make_tenant_table('game_prizes');

CREATE TABLE game_draws (
  tenant_id       uuid NOT NULL,
  draw_id         uuid NOT NULL,
  game_id         uuid NOT NULL,
  member_id       uuid NOT NULL,
  -- The uniform random value in [0, 1 000 000) that decided the draw.
  random_value    integer NOT NULL,
  prize_id        uuid,
  outcome         text NOT NULL CHECK (outcome IN ('won', 'lost', 'out_of_budget')),
  points_awarded  integer NOT NULL DEFAULT 0,
  coupon_id       uuid,
  at              timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, draw_id),
  FOREIGN KEY (tenant_id, game_id) REFERENCES games (tenant_id, game_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX game_draws_member ON game_draws (tenant_id, game_id, member_id, at DESC);
CALL make_tenant_table('game_draws', true);

-- Businesses with tiers or a birthday rule: the nightly run (re-evaluation, birthday coupons)
-- visits only these. A narrow look past row-level security that returns ids and nothing else.
CREATE FUNCTION rewards_nightly_tenants() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT tenant_id FROM tiers WHERE active
    UNION
    SELECT tenant_id FROM reward_rules WHERE active
  $$;
REVOKE ALL ON FUNCTION rewards_nightly_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rewards_nightly_tenants() TO regulars_app;
