import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../../test/db';

// Each case starts the `regulars` command in child processes (TypeScript loading, database,
// job queue): on a busy two-core machine that takes far longer than an in-process test.
vi.setConfig({ testTimeout: 180_000 });

const bin = fileURLToPath(new URL('../bin/regulars.js', import.meta.url));
let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.drop());

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: database.url, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('the regulars command', () => {
  it('explains itself', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['start', 'worker', 'migrate', 'demo']) expect(r.stdout).toContain(cmd);
  });

  it('migrates and reports the schema version as JSON', () => {
    const r = run(['migrate', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).current).toMatch(/^\d{4}$/);
  });

  it('creates the demo business and prints its sign-in details', () => {
    const r = run(['demo', '--json'], { DEMO_MEMBERS: '60' });
    expect(r.status, r.stderr).toBe(0);
    const demo = JSON.parse(r.stdout);
    expect(demo.businessCode).toBe('hotpot');
    expect(demo.data).toMatchObject({ state: 'done', error: null });
    expect(demo.accounts.map((a: { role: string }) => a.role).sort()).toEqual([
      'admin',
      'customer_assistant',
      'customer_manager',
      'marketing_manager',
    ]);
  });

  it('refuses a second demo with a clear message and a failing exit code', () => {
    const r = run(['demo']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('already exists');
  });

  it('runs a worker alone against a shared database and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'worker'], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const deadline = Date.now() + 30_000;
    while (!out.includes('worker running') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain('worker running');
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('says why a separate worker needs DATABASE_URL', () => {
    const r = run(['worker'], { DATABASE_URL: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL');
  });

  it('rejects an unknown command', () => {
    const r = run(['frobnicate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('unknown command');
  });
});
