import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { systemClock, type Clock } from '@regulars/core';
import { createDb, migrate, startEmbedded } from '@regulars/db';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { buildApp } from './http/app';
import type { AppContext } from './http/context';
import { Events } from './platform/events';
import { setupModules } from './modules';
import { Jobs } from './platform/jobs';

export type Running = {
  ctx: AppContext;
  app: FastifyInstance | null;
  /** Where the HTTP server listens, when it does. */
  url: string | null;
  stop(): Promise<void>;
};

/** The secret for signed links: configured, or generated once and kept under the data folder. */
async function resolveSecret(config: Config): Promise<string> {
  if (config.secret) return config.secret;
  const file = join(config.dataDir, 'secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** Opens the database (embedded unless DATABASE_URL is set) and applies pending migrations. */
export async function openDatabase(config: Config, log: (m: string) => void = () => undefined) {
  let url = config.databaseUrl;
  let stopEmbedded = async () => undefined as void;
  if (!url) {
    const embedded = await startEmbedded(config.dataDir);
    url = embedded.url;
    stopEmbedded = embedded.stop;
    const sized = embedded.settings.shared_buffers;
    log(
      `embedded PostgreSQL running, data in ${join(config.dataDir, 'pg')}${sized ? `, shared_buffers ${sized}` : ''}`,
    );
  }
  const result = await migrate(url);
  if (result.applied.length) log(`applied migrations: ${result.applied.join(', ')}`);
  return { url, stopEmbedded };
}

/**
 * Starts Regulars: database, job queue, and (unless `serve` is false) the HTTP server; with
 * `work`, this process also runs jobs (embedded mode always does).
 */
export async function startRegulars(
  config: Config,
  opts: { serve: boolean; work: boolean; clock?: Clock; log?: (m: string) => void },
): Promise<Running> {
  const { url, stopEmbedded } = await openDatabase(config, opts.log);
  const secret = await resolveSecret(config);
  const db = createDb(url);
  const jobs = new Jobs(url);
  const ctx: AppContext = {
    db,
    config: { ...config, secret },
    clock: opts.clock ?? systemClock,
    jobs,
    events: new Events(db, jobs),
  };
  setupModules(ctx);
  await jobs.start({ work: opts.work });
  let app: FastifyInstance | null = null;
  let listening: string | null = null;
  if (opts.serve) {
    app = await buildApp(ctx);
    listening = await app.listen({ host: config.host, port: config.port });
  }
  return {
    ctx,
    app,
    url: listening,
    async stop() {
      await app?.close();
      await jobs.stop();
      await db.close();
      await stopEmbedded();
    },
  };
}
