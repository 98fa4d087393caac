-- Outgoing webhooks: each business's endpoints (address, event types, signing secret) and one
-- delivery per (event, endpoint) with its attempts, so a retried job or a re-run subscriber never
-- sends an event to an endpoint twice, and staff can see what happened to every attempt.

CREATE TABLE webhook_endpoints (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  endpoint_id  uuid NOT NULL,
  url          text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
  event_types  text[] NOT NULL CHECK (cardinality(event_types) >= 1),
  active       boolean NOT NULL DEFAULT true,
  -- Needed in clear to sign each request (HMAC); never returned by the API after it is made.
  secret       text NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, endpoint_id)
);
CALL make_tenant_table('webhook_endpoints');

CREATE TABLE webhook_deliveries (
  tenant_id        uuid NOT NULL,
  delivery_id      uuid NOT NULL,
  endpoint_id      uuid NOT NULL,
  event_id         uuid NOT NULL,
  event_type       text NOT NULL,
  -- The exact JSON posted: every attempt sends the same bytes.
  body             text NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  -- Attempts made before the last redelivery: the backoff schedule restarts from there.
  attempt_base     integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  last_attempt_at  timestamptz,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, delivery_id),
  UNIQUE (tenant_id, endpoint_id, event_id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, endpoint_id)
    ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_log
  ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, delivery_id DESC);
CALL make_tenant_table('webhook_deliveries');
CREATE INDEX webhook_deliveries_due
  ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';

-- The sweep that re-enqueues attempts whose job was lost (a worker killed mid-POST) learns
-- which tenants have overdue deliveries without reading past row-level security otherwise.
CREATE FUNCTION webhook_overdue_tenants(before timestamptz) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT DISTINCT tenant_id FROM webhook_deliveries
     WHERE state = 'pending' AND next_attempt_at < before
  $$;
REVOKE ALL ON FUNCTION webhook_overdue_tenants(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION webhook_overdue_tenants(timestamptz) TO regulars_app;
