-- Loyalty: the programme's settings, earning rules, the points ledger with its batches, purchase
-- returns, and stored value (儲值) on a ledger of its own.

CREATE TABLE loyalty_programs (
  tenant_id               uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  enabled                 boolean NOT NULL DEFAULT true,
  -- When earned points lapse: never, N days after earning, at the end of the month or year
  -- (expiry_period months/years after the one they were earned in).
  expiry_policy           text NOT NULL DEFAULT 'never'
                          CHECK (expiry_policy IN ('never', 'after_days', 'end_of_month', 'end_of_year')),
  expiry_period           integer NOT NULL DEFAULT 0 CHECK (expiry_period BETWEEN 0 AND 36500),
  -- Purchase points stay pending this many days (the return window), then confirm.
  return_window_days      integer NOT NULL DEFAULT 0 CHECK (return_window_days BETWEEN 0 AND 365),
  -- A return whose points were already spent: a debt settled by future earning, or refused.
  allow_negative_balance  boolean NOT NULL DEFAULT true,
  -- Points all earning rules together may award (NULL: no limit), and per member per period.
  budget_points           integer CHECK (budget_points >= 0),
  awarded_points          integer NOT NULL DEFAULT 0,
  member_cap_points       integer CHECK (member_cap_points >= 0),
  member_cap_period       text NOT NULL DEFAULT 'day' CHECK (member_cap_period IN ('day', 'month', 'year', 'lifetime')),
  version                 integer NOT NULL DEFAULT 1,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
CALL make_tenant_table('loyalty_programs');

CREATE TABLE earning_rules (
  tenant_id          uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  rule_id            uuid NOT NULL,
  name               text NOT NULL,
  -- 'spend': points per amount of the eligible lines; 'action': points for something done.
  kind               text NOT NULL CHECK (kind IN ('spend', 'action')),
  action             text CHECK (action ~ '^[a-z][a-z0-9_]{1,39}$'),
  points             integer NOT NULL CHECK (points > 0),
  per_amount_minor   bigint CHECK (per_amount_minor > 0),
  store_ids          uuid[] NOT NULL DEFAULT '{}',
  product_ids        uuid[] NOT NULL DEFAULT '{}',
  category_ids       uuid[] NOT NULL DEFAULT '{}',
  -- ISO weekdays (1 = Monday) in the tenant's time zone; empty: every day.
  weekdays           smallint[] NOT NULL DEFAULT '{}',
  starts_on          date,
  ends_on            date,
  apply_tier_multiplier boolean NOT NULL DEFAULT true,
  cap_per_member     integer CHECK (cap_per_member > 0),
  cap_period         text NOT NULL DEFAULT 'day' CHECK (cap_period IN ('day', 'month', 'year', 'lifetime')),
  budget_points      integer CHECK (budget_points >= 0),
  awarded_points     integer NOT NULL DEFAULT 0,
  active             boolean NOT NULL DEFAULT true,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, rule_id),
  CHECK ((kind = 'spend' AND per_amount_minor IS NOT NULL) OR (kind = 'action' AND action IS NOT NULL)),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX earning_rules_kind ON earning_rules (tenant_id, kind, action) WHERE active;
CALL make_tenant_table('earning_rules');

-- Each member's balance, kept with the ledger in the same transaction; its row is the lock that
-- serialises one member's point movements. available = sum(points_entries.points).
CREATE TABLE points_balances (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  member_id   uuid NOT NULL,
  available   integer NOT NULL DEFAULT 0,
  pending     integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, member_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CALL make_tenant_table('points_balances');

-- The ledger: append-only. points moves the available balance, pending_points the pending one.
CREATE TABLE points_entries (
  tenant_id       uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  entry_id        uuid NOT NULL,
  member_id       uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('earn', 'confirm', 'spend', 'reverse', 'expire', 'adjust', 'clawback')),
  points          integer NOT NULL,
  pending_points  integer NOT NULL DEFAULT 0,
  reason          text NOT NULL,
  source          text NOT NULL,
  source_ref      text NOT NULL,
  actor_type      text NOT NULL CHECK (actor_type IN ('staff', 'api_key', 'system', 'member')),
  actor_id        uuid,
  rule_id         uuid,
  -- Which rule gave how much, per purchase line: what the member and staff are shown.
  details         jsonb NOT NULL DEFAULT '{}',
  balance_after   integer NOT NULL,
  occurred_at     timestamptz NOT NULL,
  -- The order entries were written in: the history pages by it.
  seq             bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (tenant_id, entry_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
-- A retry of the same earning, spending or clawback finds the first one.
CREATE UNIQUE INDEX points_entries_source ON points_entries (tenant_id, member_id, kind, source, source_ref);
CREATE INDEX points_entries_member ON points_entries (tenant_id, member_id, seq DESC);
CALL make_tenant_table('points_entries', true);

-- Earned points as batches: spending and expiry take from them, soonest expiry first.
CREATE TABLE points_batches (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  batch_id     uuid NOT NULL,
  member_id    uuid NOT NULL,
  entry_id     uuid NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'active', 'expired', 'void')),
  earned       integer NOT NULL CHECK (earned >= 0),
  remaining    integer NOT NULL CHECK (remaining >= 0 AND remaining <= earned),
  confirm_at   timestamptz,
  expires_at   timestamptz,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, batch_id),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES points_entries (tenant_id, entry_id)
);
CREATE INDEX points_batches_member ON points_batches (tenant_id, member_id, expires_at) WHERE remaining > 0;
CREATE INDEX points_batches_expiry ON points_batches (tenant_id, expires_at) WHERE status = 'active' AND remaining > 0;
CREATE INDEX points_batches_confirm ON points_batches (tenant_id, confirm_at) WHERE status = 'pending';
CREATE INDEX points_batches_entry ON points_batches (tenant_id, entry_id);
CALL make_tenant_table('points_batches');

-- Which batches a spending consumed, so a reversal gives back exactly those points.
CREATE TABLE points_allocations (
  tenant_id  uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  entry_id   uuid NOT NULL,
  batch_id   uuid NOT NULL,
  points     integer NOT NULL CHECK (points > 0),
  PRIMARY KEY (tenant_id, entry_id, batch_id),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES points_entries (tenant_id, entry_id),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES points_batches (tenant_id, batch_id)
);
CALL make_tenant_table('points_allocations', true);

-- Points each rule gave each member, for per-member caps.
CREATE TABLE points_rule_awards (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  entry_id     uuid NOT NULL,
  rule_id      uuid NOT NULL,
  member_id    uuid NOT NULL,
  points       integer NOT NULL,
  occurred_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entry_id, rule_id),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES points_entries (tenant_id, entry_id)
);
CREATE INDEX points_rule_awards_member ON points_rule_awards (tenant_id, member_id, rule_id, occurred_at);
CREATE INDEX points_rule_awards_member_all ON points_rule_awards (tenant_id, member_id, occurred_at);
CALL make_tenant_table('points_rule_awards', true);

-- Returns of purchased lines, each once by its external id; their points are clawed back.
CREATE TABLE purchase_returns (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  return_id      uuid NOT NULL,
  purchase_id    uuid NOT NULL,
  member_id      uuid NOT NULL,
  external_id    text NOT NULL,
  -- [{lineNo, quantity, amountMinor}]
  lines          jsonb NOT NULL,
  amount_minor   bigint NOT NULL CHECK (amount_minor >= 0),
  points         integer NOT NULL,
  actor_id       uuid,
  occurred_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, return_id),
  UNIQUE (tenant_id, external_id),
  FOREIGN KEY (tenant_id, purchase_id) REFERENCES purchases (tenant_id, purchase_id) ON DELETE CASCADE
);
CREATE INDEX purchase_returns_purchase ON purchase_returns (tenant_id, purchase_id);
CALL make_tenant_table('purchase_returns', true);

-- Stored value: prepaid money, never below zero, on a ledger apart from points.
CREATE TABLE stored_value_accounts (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  member_id      uuid NOT NULL,
  balance_minor  bigint NOT NULL DEFAULT 0 CHECK (balance_minor >= 0),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, member_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CALL make_tenant_table('stored_value_accounts');

CREATE TABLE stored_value_entries (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  entry_id       uuid NOT NULL,
  member_id      uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('top_up', 'spend', 'refund')),
  amount_minor   bigint NOT NULL CHECK (amount_minor <> 0),
  balance_after  bigint NOT NULL CHECK (balance_after >= 0),
  external_id    text NOT NULL,
  -- A refund names the spending it gives back.
  refund_of      uuid,
  store_id       uuid,
  reason         text NOT NULL DEFAULT '',
  actor_type     text NOT NULL,
  actor_id       uuid,
  occurred_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entry_id),
  UNIQUE (tenant_id, kind, external_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, refund_of) REFERENCES stored_value_entries (tenant_id, entry_id)
);
CREATE INDEX stored_value_entries_member ON stored_value_entries (tenant_id, member_id, occurred_at DESC);
CALL make_tenant_table('stored_value_entries', true);

-- The nightly sweep runs per tenant; it learns which tenants have points due without reading
-- past row-level security for anything else.
CREATE FUNCTION loyalty_due_tenants(due timestamptz) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT DISTINCT tenant_id FROM points_batches
    WHERE (status = 'pending' AND confirm_at <= due)
       OR (status = 'active' AND remaining > 0 AND expires_at <= due)
  $$;
REVOKE ALL ON FUNCTION loyalty_due_tenants(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION loyalty_due_tenants(timestamptz) TO regulars_app;
