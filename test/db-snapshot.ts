import pg from 'pg';

/** Per table: row count and a hash of every row's content. Equal snapshots: nothing was written. */
export type Snapshot = Record<string, string>;

/**
 * Reads every table of the public schema through the owner connection (past row-level security),
 * optionally only one tenant's rows, and fingerprints them. `ignore` drops columns that may change
 * legitimately (a failed sign-in counts itself in staff.failed_attempts).
 */
export async function snapshot(
  ownerUrl: string,
  opts: { tenantId?: string; ignore?: Record<string, string[]> } = {},
): Promise<Snapshot> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string; tenant: boolean }>(`
      SELECT c.relname AS name,
             EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
               AS tenant
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       ORDER BY c.relname`);
    const out: Snapshot = {};
    for (const { name, tenant } of tables.rows) {
      if (opts.tenantId && !tenant) continue;
      const where = opts.tenantId ? 'WHERE t.tenant_id = $2' : '';
      const params: unknown[] = [opts.ignore?.[name] ?? []];
      if (opts.tenantId) params.push(opts.tenantId);
      const r = await client.query<{ n: number; h: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS h
           FROM (SELECT (to_jsonb(t) - $1::text[])::text AS r FROM "${name}" t ${where}) s`,
        params,
      );
      out[name] = `${r.rows[0]!.n} rows, ${r.rows[0]!.h}`;
    }
    return out;
  } finally {
    await client.end();
  }
}

/** Runs a statement as the owner (past row-level security): for checks and direct set-up. */
export async function ownerQuery<R extends pg.QueryResultRow>(
  ownerUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}
