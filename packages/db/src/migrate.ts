import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const migrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK_ID = 724_113_001; // advisory lock shared by every process that migrates

export type MigrationResult = { applied: string[]; current: string | null };

/** The migrations shipped with this version, in order. */
export async function listMigrations(): Promise<{ version: string; file: string }[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  return files.map((file) => ({ version: file.slice(0, 4), file }));
}

/**
 * Applies the pending SQL migrations, each in its own transaction, as the connecting (owner) role.
 * Safe to run from several processes at once: they queue on an advisory lock.
 */
export async function migrate(ownerUrl: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, file text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: string[] = [];
    for (const m of await listMigrations()) {
      if (done.has(m.version)) continue;
      const text = await readFile(migrationsDir + m.file, 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(text);
        await client.query('INSERT INTO schema_migrations (version, file) VALUES ($1, $2)', [
          m.version,
          m.file,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.file);
    }
    const last = await client.query<{ version: string }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    return { applied, current: last.rows[0]?.version ?? null };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
