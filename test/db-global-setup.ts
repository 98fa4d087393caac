import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, startEmbedded } from '@regulars/db';
import { Jobs } from '../apps/server/src/platform/jobs';

export const TEMPLATE_DB = 'regulars_test_template';

/**
 * Once per run: a PostgreSQL server (embedded in a temp folder, or DATABASE_URL's) and a
 * migrated template database; each test file clones it (tests/db.ts), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = await mkdtemp(join(tmpdir(), 'regulars-test-'));
    const embedded = await startEmbedded(dir, { persistent: false, sizing: 'default' });
    adminUrl = embedded.adminUrl;
    stop = embedded.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  await migrate(templateUrl);
  const jobs = new Jobs(templateUrl); // installs the job-queue schema into the template
  await jobs.start({ work: false });
  await jobs.stop();
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', TEMPLATE_DB);
  return async () => {
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}
