-- Imports: a file a business uploads (members today; products and purchases later), its column
-- mapping, and the job's progress. Progress is committed with each batch's writes, so a job
-- that is killed resumes after its last committed batch and never writes a row twice.

CREATE TABLE imports (
  tenant_id     uuid NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
  import_id     uuid NOT NULL,
  -- What the rows become: the extension point for products and purchases.
  kind          text NOT NULL DEFAULT 'members' CHECK (kind IN ('members')),
  file_name     text NOT NULL,
  format        text NOT NULL CHECK (format IN ('csv', 'xlsx', 'vcard')),
  encoding      text,
  file_size     integer NOT NULL,
  file_sha256   text NOT NULL,
  headers       jsonb NOT NULL DEFAULT '[]',
  mapping       jsonb,
  match_by      text CHECK (match_by IN ('phone', 'email', 'card', 'external_id')),
  dry_run       boolean NOT NULL DEFAULT false,
  status        text NOT NULL DEFAULT 'uploaded'
                CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  total_rows    integer,
  -- Data rows of the file handled so far, in file order: where a resumed job continues.
  rows_done     integer NOT NULL DEFAULT 0,
  created       integer NOT NULL DEFAULT 0,
  updated       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0,
  rejected      integer NOT NULL DEFAULT 0,
  skipped       integer NOT NULL DEFAULT 0,
  error         text,
  actor         jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  PRIMARY KEY (tenant_id, import_id)
);
CREATE INDEX imports_created ON imports (tenant_id, created_at DESC);
CALL make_tenant_table('imports');

-- The uploaded bytes, apart from the import row that the admin polls for progress.
CREATE TABLE import_files (
  tenant_id  uuid NOT NULL,
  import_id  uuid NOT NULL,
  bytes      bytea NOT NULL,
  PRIMARY KEY (tenant_id, import_id),
  FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, import_id) ON DELETE CASCADE
);
CALL make_tenant_table('import_files');

-- Every problem of every rejected row: where it is (row as numbered in the sheet, column) and why.
CREATE TABLE import_rejects (
  tenant_id   uuid NOT NULL,
  import_id   uuid NOT NULL,
  row_number  integer NOT NULL,
  seq         smallint NOT NULL,
  column_name text NOT NULL,
  value       text NOT NULL,
  reason      text NOT NULL,
  PRIMARY KEY (tenant_id, import_id, row_number, seq),
  FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, import_id) ON DELETE CASCADE
);
CALL make_tenant_table('import_rejects');
