import { CompiledQuery, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export const APP_ROLE = 'regulars_app';

// timestamptz as Date, bigint/numeric as string (exact), date as 'YYYY-MM-DD' text.
pg.types.setTypeParser(1082, (v: string) => v);

export type Tx = Transaction<Database>;

/** What pg-boss needs to run its SQL inside one of our transactions. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

export type Db = {
  /** Queries as the non-owner application role: row-level security applies. */
  app: Kysely<Database>;
  /** The owner role: migrations, the job queue, maintenance. Never used for tenant data. */
  ownerUrl: string;
  /** Runs `fn` in a transaction bound to `tenantId`: every statement sees only that tenant. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction with no tenant set: only the narrow auth_* functions return anything. */
  withoutTenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export function createDb(url: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // Every connection of the app pool runs as the application role, so RLS applies to it.
    options: `-c role=${APP_ROLE}`,
    application_name: 'regulars',
  });
  // A connection that dies while idle must not take the process with it.
  pool.on('error', () => undefined);
  const app = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    app,
    ownerUrl: url,
    withTenant: (tenantId, fn) =>
      app.transaction().execute(async (tx) => {
        await sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
        return fn(tx);
      }),
    withoutTenant: (fn) => app.transaction().execute(fn),
    close: () => app.destroy(),
  };
}

/** Adapts a Kysely transaction for libraries that take a raw SQL executor (pg-boss `db` option). */
export function executorOf(tx: Tx): SqlExecutor {
  return {
    executeSql: async (text, values = []) => {
      const res = await tx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: res.rows as unknown[] };
    },
  };
}
