-- Messaging: the outbox of deliveries (one row per cause, member and channel), templates with
-- per-language variants, blocked addresses, inbound messages, frequency-cap reservations and
-- each business's messaging settings.

CREATE TABLE messaging_settings (
  tenant_id           uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  -- Marketing messages per member over a rolling number of days, all channels together.
  cap_count           integer CHECK (cap_count IS NULL OR cap_count BETWEEN 1 AND 1000),
  cap_days            integer NOT NULL DEFAULT 7 CHECK (cap_days BETWEEN 1 AND 365),
  email_from_name     text NOT NULL DEFAULT '',
  email_reply_to      text,
  webhook_url         text CHECK (webhook_url IS NULL OR webhook_url ~ '^https?://'),
  webhook_secret      text,
  version             integer NOT NULL DEFAULT 1,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);
CALL make_tenant_table('messaging_settings');

CREATE TABLE message_templates (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  template_id  uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  category     text NOT NULL CHECK (category IN ('transactional', 'marketing')),
  -- Per language and channel: {"zh-TW": {"subject": "…", "text": "…", "html": "…"}, …}
  variants     jsonb NOT NULL DEFAULT '{}',
  active       boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, template_id)
);
CREATE UNIQUE INDEX message_templates_name ON message_templates (tenant_id, lower(name));
CALL make_tenant_table('message_templates');

-- The outbox. A cause ('direct:<id>', 'sign-in:<id>', 'campaign:<id>:<step>') sends each member at
-- most once per channel: the unique key makes a retried cause or a re-run job a no-op.
CREATE TABLE message_deliveries (
  tenant_id       uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  delivery_id     uuid NOT NULL,
  cause           text NOT NULL CHECK (length(cause) BETWEEN 1 AND 200),
  member_id       uuid,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
  category        text NOT NULL CHECK (category IN ('transactional', 'marketing')),
  to_address      text NOT NULL,
  language        text,
  template_id     uuid,
  subject         text,
  body_text       text NOT NULL,
  body_html       text,
  holdout         boolean NOT NULL DEFAULT false,
  state           text NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'held', 'sent', 'delivered', 'bounced', 'failed', 'suppressed')),
  -- Why it was held, suppressed, failed or bounced ('quiet_hours', 'no_consent', 'blocked', …).
  reason          text,
  detail          text,
  batch_id        uuid,
  -- Held or waiting for a retry until then.
  not_before      timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  provider        text,
  provider_id     text,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  delivered_at    timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, delivery_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, template_id) REFERENCES message_templates (tenant_id, template_id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX message_deliveries_cause ON message_deliveries (tenant_id, cause, member_id, channel) NULLS NOT DISTINCT;
CREATE INDEX message_deliveries_batch ON message_deliveries (tenant_id, batch_id) WHERE state IN ('queued', 'held');
CREATE INDEX message_deliveries_due ON message_deliveries (tenant_id, not_before) WHERE state IN ('queued', 'held');
CREATE INDEX message_deliveries_member ON message_deliveries (tenant_id, member_id, created_at DESC);
CREATE INDEX message_deliveries_list ON message_deliveries (tenant_id, created_at DESC, delivery_id DESC);
CREATE INDEX message_deliveries_state ON message_deliveries (tenant_id, state, created_at DESC);
CALL make_tenant_table('message_deliveries');

-- Addresses that nothing may reach (hard bounce, invalid number, complaint, set by staff):
-- they stop transactional messages too.
CREATE TABLE message_blocks (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
  address     text NOT NULL,
  reason      text NOT NULL CHECK (reason IN ('hard_bounce', 'invalid', 'complaint', 'manual')),
  detail      text,
  delivery_id uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel, address)
);
CALL make_tenant_table('message_blocks');

-- Marketing messages counted against the frequency cap; reserved under a per-member lock.
CREATE TABLE message_cap_reservations (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  member_id    uuid NOT NULL,
  delivery_id  uuid NOT NULL,
  reserved_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, member_id, delivery_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX message_cap_reservations_recent ON message_cap_reservations (tenant_id, member_id, reserved_at);
CALL make_tenant_table('message_cap_reservations');

-- What members send us (SMS replies, unsubscribe keywords).
CREATE TABLE inbound_messages (
  tenant_id     uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  inbound_id    uuid NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
  from_address  text NOT NULL,
  member_id     uuid,
  body_text     text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('unsubscribe', 'reply')),
  received_at   timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, inbound_id),
  FOREIGN KEY (tenant_id, member_id) REFERENCES members (tenant_id, member_id) ON DELETE CASCADE
);
CREATE INDEX inbound_messages_member ON inbound_messages (tenant_id, member_id, received_at DESC);
CREATE INDEX inbound_messages_list ON inbound_messages (tenant_id, received_at DESC);
CALL make_tenant_table('inbound_messages');
