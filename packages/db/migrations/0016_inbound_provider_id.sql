-- An inbound message carries the gateway's own id of it (Kannel's %I), so that a message the
-- gateway sends again (smsbox retries its get-url when we answer late) is stored once.
ALTER TABLE inbound_messages
  ADD COLUMN provider_id text CHECK (provider_id IS NULL OR length(provider_id) BETWEEN 1 AND 100);
CREATE UNIQUE INDEX inbound_messages_provider ON inbound_messages (tenant_id, channel, provider_id);
