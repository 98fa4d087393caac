-- Demo data: the progress of the job that fills the demo business with members, a catalog and
-- two years of purchases. One row per business; the job derives what is already written from
-- the data itself (deterministic external ids), so this row only reports progress, pins the
-- moment the history ends (a resumed run writes the same history) and keeps two runs apart.

CREATE TABLE demo_data (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  state        text NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'running', 'done', 'failed')),
  members      integer NOT NULL,
  -- Where the generated history ends: "now" when the first run started.
  anchor_at    timestamptz NOT NULL,
  phase        text NOT NULL DEFAULT '',
  done         integer NOT NULL DEFAULT 0,
  total        integer NOT NULL DEFAULT 0,
  -- The member import the job fed (the business's "old customer list").
  import_id    uuid,
  -- A run holds the lease while it works; a second run waits for it to lapse.
  lease_until  timestamptz,
  error        text,
  started_at   timestamptz,
  finished_at  timestamptz,
  PRIMARY KEY (tenant_id)
);
CALL make_tenant_table('demo_data');
