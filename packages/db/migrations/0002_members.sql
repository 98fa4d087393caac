-- Members: the person a good shopkeeper remembers. Contact fields record where their value came
-- from; consent is kept per channel with its history; custom fields are defined per business.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Per-tenant counters (member card numbers, …): one row per tenant and counter, locked on use.
CREATE TABLE tenant_counters (
  tenant_id  uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  counter    text NOT NULL,
  value      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, counter)
);
CALL make_tenant_table('tenant_counters');

CREATE TABLE custom_fields (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  field_key   text NOT NULL CHECK (field_key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label       jsonb NOT NULL,
  type        text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice', 'choices')),
  options     jsonb NOT NULL DEFAULT '[]',
  required    boolean NOT NULL DEFAULT false,
  position    integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, field_key)
);
CALL make_tenant_table('custom_fields');

CREATE TABLE members (
  tenant_id          uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  member_id          uuid NOT NULL,
  card_number        text NOT NULL,
  name               text NOT NULL,
  gender             text NOT NULL DEFAULT 'unknown' CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  birthday           date,
  phone              text CHECK (phone ~ '^\+[1-9][0-9]{5,14}$'),
  other_phones       text[] NOT NULL DEFAULT '{}',
  email              text CHECK (email = lower(email)),
  address            text NOT NULL DEFAULT '',
  preferred_channel  text CHECK (preferred_channel IN ('sms', 'email', 'line', 'wechat', 'app', 'phone')),
  language           text CHECK (language IN ('zh-CN', 'zh-TW', 'en')),
  time_zone          text,
  home_store_id      uuid,
  external_id        text,
  source             text NOT NULL CHECK (source IN ('staff', 'import', 'portal', 'pos', 'third_party', 'referral', 'api')),
  source_ref         jsonb NOT NULL DEFAULT '{}',
  -- Where each contact field's current value came from: {"phone": {"source": "import", "at": "…"}}
  field_sources      jsonb NOT NULL DEFAULT '{}',
  -- Current consent per channel: {"sms": {"granted": true, "at": "…", "source": "portal"}}
  consents           jsonb NOT NULL DEFAULT '{}',
  custom             jsonb NOT NULL DEFAULT '{}',
  tags               text[] NOT NULL DEFAULT '{}',
  -- Search: Latin text (pinyin, initials, email, digits, card) for trigrams; Han characters of
  -- the name as 1- and 2-grams (trigram indexes do not see Han characters under every locale).
  search_latin       text NOT NULL DEFAULT '',
  name_initials      text NOT NULL DEFAULT '',
  name_grams         text[] NOT NULL DEFAULT '{}',
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged')),
  merged_into        uuid,
  version            integer NOT NULL DEFAULT 1,
  created_by         uuid,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, member_id),
  UNIQUE (tenant_id, card_number),
  FOREIGN KEY (tenant_id, home_store_id) REFERENCES stores (tenant_id, store_id)
);
-- A mobile number identifies one active member (portal sign-in, caller ID, import upsert).
CREATE UNIQUE INDEX members_phone ON members (tenant_id, phone) WHERE phone IS NOT NULL AND status = 'active';
CREATE UNIQUE INDEX members_external_id ON members (tenant_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX members_email ON members (tenant_id, email) WHERE email IS NOT NULL;
CREATE INDEX members_other_phones ON members USING gin (other_phones);
CREATE INDEX members_tags ON members USING gin (tags);
CREATE INDEX members_custom ON members USING gin (custom jsonb_path_ops);
CREATE INDEX members_search_latin ON members USING gin (search_latin gin_trgm_ops);
CREATE INDEX members_name_grams ON members USING gin (name_grams);
CREATE INDEX members_initials ON members (tenant_id, name_initials text_pattern_ops);
CREATE INDEX members_created ON members (tenant_id, created_at DESC, member_id DESC);
CREATE INDEX members_birthday ON members (tenant_id, (extract(month FROM birthday)), (extract(day FROM birthday)));
CALL make_tenant_table('members');

-- Every consent change, for proof: who said yes or no to which channel, when, and through what.
CREATE TABLE member_consent_history (
  tenant_id   uuid NOT NULL,
  entry_id    bigint GENERATED ALWAYS AS IDENTITY,
  member_id   uuid NOT NULL,
  channel     text NOT NULL,
  granted     boolean NOT NULL,
  source      text NOT NULL,
  actor_id    uuid,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, entry_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX member_consent_history_member ON member_consent_history (tenant_id, member_id, at);
CALL make_tenant_table('member_consent_history', true);
GRANT USAGE ON SEQUENCE member_consent_history_entry_id_seq TO regulars_app;
-- Erasing a member on request removes their consent history with them.
GRANT DELETE ON member_consent_history TO regulars_app;
