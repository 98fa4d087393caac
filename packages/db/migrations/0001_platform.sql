-- Platform foundation: the application role, tenant isolation helpers, tenants, stores, roles,
-- staff, sessions, API keys, audit log, domain events and idempotency records.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'regulars_app') THEN
    CREATE ROLE regulars_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  -- The owner connection switches to the application role with SET ROLE.
  BEGIN
    EXECUTE format('GRANT regulars_app TO %I', current_user);
  EXCEPTION WHEN others THEN NULL;
  END;
END $$;

GRANT USAGE ON SCHEMA public TO regulars_app;

-- The tenant of the current transaction; NULL (so no row matches) when none was set.
CREATE FUNCTION current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Every tenant table goes through this: row-level security on tenant_id, and the grants the
-- application role needs. append_only tables get no UPDATE or DELETE grant at all.
CREATE PROCEDURE make_tenant_table(tbl regclass, append_only boolean DEFAULT false)
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = current_tenant_id()) '
                 'WITH CHECK (tenant_id = current_tenant_id())', tbl);
  IF append_only THEN
    EXECUTE format('GRANT SELECT, INSERT ON %s TO regulars_app', tbl);
  ELSE
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO regulars_app', tbl);
  END IF;
END $$;

CREATE TABLE tenants (
  tenant_id          uuid PRIMARY KEY,
  slug               text NOT NULL,
  name               text NOT NULL,
  default_language   text NOT NULL DEFAULT 'zh-TW' CHECK (default_language IN ('zh-CN', 'zh-TW', 'en')),
  time_zone          text NOT NULL DEFAULT 'Asia/Taipei',
  currency           text NOT NULL DEFAULT 'TWD' CHECK (currency ~ '^[A-Z]{3}$'),
  phone_country      text NOT NULL DEFAULT 'TW' CHECK (phone_country ~ '^[A-Z]{2}$'),
  roc_dates          boolean NOT NULL DEFAULT false,
  quiet_hours_start  time NOT NULL DEFAULT '21:00',
  quiet_hours_end    time NOT NULL DEFAULT '09:00',
  brand_color        text NOT NULL DEFAULT '#c0392b' CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
  is_demo            boolean NOT NULL DEFAULT false,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
-- The business code is global by nature: staff type it before any tenant is known.
CREATE UNIQUE INDEX tenants_slug ON tenants (slug);
CALL make_tenant_table('tenants');

CREATE TABLE stores (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  store_id    uuid NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  address     text NOT NULL DEFAULT '',
  phone       text NOT NULL DEFAULT '',
  time_zone   text,
  active      boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, store_id),
  UNIQUE (tenant_id, code)
);
CALL make_tenant_table('stores');

CREATE TABLE roles (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  role_id      uuid NOT NULL,
  system_key   text,
  name         text NOT NULL,
  permissions  text[] NOT NULL DEFAULT '{}',
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, role_id),
  UNIQUE (tenant_id, system_key)
);
CREATE UNIQUE INDEX roles_name ON roles (tenant_id, lower(name));
CALL make_tenant_table('roles');

CREATE TABLE staff (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  staff_id         uuid NOT NULL,
  email            text NOT NULL CHECK (email = lower(email)),
  name             text NOT NULL,
  password_hash    text NOT NULL,
  role_id          uuid NOT NULL,
  store_ids        uuid[],
  phone_extension  text,
  language         text CHECK (language IN ('zh-CN', 'zh-TW', 'en')),
  active           boolean NOT NULL DEFAULT true,
  failed_attempts  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  last_sign_in_at  timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, staff_id),
  UNIQUE (tenant_id, email),
  FOREIGN KEY (tenant_id, role_id) REFERENCES roles (tenant_id, role_id)
);
CALL make_tenant_table('staff');

CREATE TABLE sessions (
  tenant_id     uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  session_id    uuid NOT NULL,
  token_hash    bytea NOT NULL,
  staff_id      uuid NOT NULL,
  csrf_token    text NOT NULL,
  store_id      uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, session_id),
  FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, staff_id) ON DELETE CASCADE
);
-- Looked up by token before the tenant is known (auth_session below).
CREATE UNIQUE INDEX sessions_token ON sessions (token_hash);
CALL make_tenant_table('sessions');

CREATE TABLE api_keys (
  tenant_id     uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  api_key_id    uuid NOT NULL,
  prefix        text NOT NULL,
  secret_hash   text NOT NULL,
  name          text NOT NULL,
  store_id      uuid,
  permissions   text[] NOT NULL,
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, api_key_id),
  FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, store_id)
);
CREATE UNIQUE INDEX api_keys_prefix ON api_keys (prefix);
CALL make_tenant_table('api_keys');

CREATE TABLE audit_log (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  audit_id     bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_type   text NOT NULL CHECK (actor_type IN ('staff', 'api_key', 'system', 'member')),
  actor_id     uuid,
  actor_name   text,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  request_id   text,
  PRIMARY KEY (tenant_id, audit_id)
);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id, audit_id DESC);
CALL make_tenant_table('audit_log', true);
GRANT USAGE ON SEQUENCE audit_log_audit_id_seq TO regulars_app;

CREATE TABLE domain_events (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  event_id     uuid NOT NULL,
  type         text NOT NULL,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX domain_events_type ON domain_events (tenant_id, type, occurred_at);
CALL make_tenant_table('domain_events', true);

CREATE TABLE event_deliveries (
  tenant_id     uuid NOT NULL,
  event_id      uuid NOT NULL,
  subscriber    text NOT NULL,
  delivered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, event_id, subscriber),
  FOREIGN KEY (tenant_id, event_id) REFERENCES domain_events (tenant_id, event_id) ON DELETE CASCADE
);
CALL make_tenant_table('event_deliveries', true);

CREATE TABLE idempotency_keys (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  key              text NOT NULL,
  actor_id         uuid NOT NULL,
  route            text NOT NULL,
  request_hash     text NOT NULL,
  response_status  integer NOT NULL,
  response_body    jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, actor_id, key)
);
CALL make_tenant_table('idempotency_keys');

-- Narrow lookups that must read before a tenant is known. Each returns only what its caller
-- needs, by an exact key; they run as the owner (SECURITY DEFINER) and only the app may call them.
CREATE FUNCTION auth_staff_for_sign_in(p_slug text, p_email text)
  RETURNS TABLE (tenant_id uuid, staff_id uuid, password_hash text, active boolean,
                 locked_until timestamptz, failed_attempts integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.tenant_id, s.staff_id, s.password_hash, s.active, s.locked_until, s.failed_attempts
      FROM tenants t JOIN staff s ON s.tenant_id = t.tenant_id
     WHERE t.slug = lower(p_slug) AND s.email = lower(p_email)
  $$;

CREATE FUNCTION auth_tenant_for_slug(p_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT tenant_id FROM tenants WHERE slug = lower(p_slug) $$;

CREATE FUNCTION auth_session(p_token_hash bytea)
  RETURNS TABLE (tenant_id uuid, session_id uuid, staff_id uuid, expires_at timestamptz,
                 revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT tenant_id, session_id, staff_id, expires_at, revoked_at
      FROM sessions WHERE token_hash = p_token_hash
  $$;

CREATE FUNCTION auth_api_key(p_prefix text)
  RETURNS TABLE (tenant_id uuid, api_key_id uuid, secret_hash text, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT tenant_id, api_key_id, secret_hash, revoked_at FROM api_keys WHERE prefix = p_prefix $$;

CREATE FUNCTION installation_is_empty() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT NOT EXISTS (SELECT 1 FROM tenants) $$;

REVOKE ALL ON FUNCTION auth_staff_for_sign_in(text, text), auth_tenant_for_slug(text),
  auth_session(bytea), auth_api_key(text), installation_is_empty() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_staff_for_sign_in(text, text), auth_tenant_for_slug(text),
  auth_session(bytea), auth_api_key(text), installation_is_empty() TO regulars_app;
