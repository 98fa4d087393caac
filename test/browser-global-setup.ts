import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '@regulars/db';
import {
  createDemoTenant,
  DEMO_BUSINESS_CODE,
  demoProgress,
  startRegulars,
  testConfig,
  type Running,
} from '@regulars/server';

const ROOT = resolve(import.meta.dirname, '..');

export type TestRegulars = { baseUrl: string; stop(): Promise<void> };

/**
 * A whole Regulars in this process (embedded PostgreSQL in a fresh temp folder, API, jobs, the
 * built admin) on a free port, optionally with the demo business loaded.
 */
export async function startTestRegulars(opts: { demo?: boolean } = {}): Promise<TestRegulars> {
  const dataDir = await mkdtemp(join(tmpdir(), 'regulars-browser-'));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const running = await startRegulars(
    testConfig({
      dataDir,
      port,
      host: '127.0.0.1',
      publicUrl,
      // Every browser test signs in from 127.0.0.1; the per-address limit is tested in auth.test.ts.
      signInLimit: 10_000,
    }),
    {
      serve: true,
      work: true,
    },
  );
  if (opts.demo) {
    const { tenantId } = await createDemoTenant(running.ctx);
    await demoFinished(running.ctx, tenantId);
  }
  return {
    baseUrl: publicUrl,
    async stop() {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for the demo business's generated data (members, purchases, points, tiers, messages), so
 * every browser test reads the same finished data and none runs beside the generating job.
 */
async function demoFinished(ctx: Running['ctx'], tenantId: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const p = await demoProgress(ctx, tenantId);
    if (p.state === 'done') return;
    if (p.state === 'failed')
      throw new Error(`the demo data failed: ${p.error ?? 'no reason given'}`);
    if (Date.now() > deadline) throw new Error(`the demo data is still at ${p.phase} after 10 min`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Once per run: build the admin (tests never see a stale dist), then start one Regulars with the
 * demo business loaded (business code `hotpot`, one account per built-in role).
 */
export default async function setup(project: TestProject) {
  // Enough demo members for lists and screenshots, generated before the first test starts.
  process.env.DEMO_MEMBERS ??= '300';
  execFileSync('npm', ['run', 'build', '-w', '@regulars/admin'], {
    cwd: ROOT,
    stdio: 'pipe',
    // Vitest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const regulars = await startTestRegulars({ demo: true });
  project.provide('baseUrl', regulars.baseUrl);
  project.provide('demoBusinessCode', DEMO_BUSINESS_CODE);
  return () => regulars.stop();
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation
  export interface ProvidedContext {
    baseUrl: string;
    demoBusinessCode: string;
  }
}
