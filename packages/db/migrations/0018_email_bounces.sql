-- Bounces that mail servers send after they accepted a message (RFC 3464 delivery status
-- notifications), each kept once: `dsn_key` is the SHA-256 of the notification's Message-ID (or
-- of the whole notification when it has none), so the same notification handed over twice is
-- applied once. A hard bounce (5.x.x) also bounces the delivery and blocks the address; a soft
-- one (4.x.x) is only recorded here.
CREATE TABLE email_bounces (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  bounce_id    uuid NOT NULL,
  delivery_id  uuid NOT NULL,
  dsn_key      text NOT NULL CHECK (length(dsn_key) = 64),
  kind         text NOT NULL CHECK (kind IN ('hard', 'soft')),
  action       text NOT NULL CHECK (action IN ('failed', 'delayed')),
  status       text NOT NULL CHECK (status ~ '^[45]\.[0-9]{1,3}\.[0-9]{1,3}$'),
  recipient    text CHECK (length(recipient) <= 320),
  diagnostic   text CHECK (length(diagnostic) <= 500),
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, bounce_id),
  FOREIGN KEY (tenant_id, delivery_id) REFERENCES message_deliveries (tenant_id, delivery_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX email_bounces_dsn ON email_bounces (tenant_id, dsn_key);
CREATE INDEX email_bounces_delivery ON email_bounces (tenant_id, delivery_id);
CALL make_tenant_table('email_bounces', true);
-- A record, never edited; it goes with its delivery (erasing a member removes their messages).
GRANT DELETE ON email_bounces TO regulars_app;
