import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from './schema';

export type ImportsTable = {
  tenant_id: string;
  import_id: string;
  kind: Generated<string>;
  file_name: string;
  format: string;
  encoding: string | null;
  file_size: number;
  file_sha256: string;
  headers: Json;
  mapping: Json | null;
  match_by: string | null;
  dry_run: Generated<boolean>;
  status: Generated<string>;
  total_rows: number | null;
  rows_done: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  skipped: Generated<number>;
  error: string | null;
  actor: Json;
  created_at: GeneratedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
};

export type ImportFilesTable = { tenant_id: string; import_id: string; bytes: Buffer };

export type ImportRejectsTable = {
  tenant_id: string;
  import_id: string;
  row_number: number;
  seq: number;
  column_name: string;
  value: string;
  reason: string;
};

export type ImportsTables = {
  imports: ImportsTable;
  import_files: ImportFilesTable;
  import_rejects: ImportRejectsTable;
};
