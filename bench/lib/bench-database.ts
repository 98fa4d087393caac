// One seeded database for the member benchmarks (search, caller ID, influence): a business of
// BENCH_MEMBERS realistic members with purchases, notes and open tasks, and a small second business
// drawn the same way (to keep row-level security honest). With BENCH_DATA_DIR it is kept in that
// folder and reused by the next run of any of these scripts; migrations added since are applied.
import { createDb, migrate, startEmbedded, type EmbeddedDatabase } from '@regulars/db';
import { systemClock } from '@regulars/core';
import {
  createTenant,
  Events,
  Jobs,
  setupModules,
  systemActor,
  testConfig,
  type AppContext,
} from '@regulars/server';
import { loadavg } from 'node:os';
import pg from 'pg';
import { seedMembers } from './member-seed';
import { fixed, tempDir } from './stats';

export type BenchDatabase = {
  ctx: AppContext;
  /** The owner's connection, for seeding and sampling (row-level security does not apply). */
  raw: pg.Client;
  database: EmbeddedDatabase;
  dir: string;
  tenantId: string;
  otherId: string;
  close: () => Promise<void>;
};

/** Business codes and the password of their admin, to sign in. */
export const BENCH_SLUG = 'bench';
export const BENCH_PASSWORD = 'bench password 1';

async function business(
  ctx: AppContext,
  raw: pg.Client,
  slug: string,
  count: number,
  seed: number,
) {
  const found = await raw.query<{ tenant_id: string }>(
    'SELECT tenant_id FROM tenants WHERE slug = $1',
    [slug],
  );
  if (found.rows[0]) return { tenantId: found.rows[0].tenant_id, seeded: false };
  const { tenantId } = await createTenant(
    ctx,
    {
      name: slug,
      slug,
      defaultLanguage: 'zh-TW',
      timeZone: 'Asia/Taipei',
      currency: 'TWD',
      phoneCountry: 'TW',
      stores: [
        { code: 'A', name: 'Store A' },
        { code: 'B', name: 'Store B' },
      ],
      staff: [{ role: 'admin', name: 'Admin', email: `a@${slug}.test`, password: BENCH_PASSWORD }],
    },
    systemActor('bench'),
  );
  const stores = await raw.query<{ store_id: string }>(
    'SELECT store_id FROM stores WHERE tenant_id = $1',
    [tenantId],
  );
  await seedMembers(raw, {
    tenantId,
    count,
    seed,
    storeIds: stores.rows.map((r) => r.store_id),
    wangEvery: 100_000,
    onProgress: (n) => n % 100_000 === 0 && console.log(`  ${slug}: ${n} members`),
  });
  return { tenantId, seeded: true };
}

/**
 * What a caller-ID card shows, set-based: a purchase (with member_stats) for every 5th member, a
 * note and an open task for every 5th (another fifth). Skipped when the business has purchases.
 */
async function seedTimeline(raw: pg.Client, tenantId: string): Promise<boolean> {
  const any = await raw.query('SELECT 1 FROM purchases WHERE tenant_id = $1 LIMIT 1', [tenantId]);
  if (any.rowCount) return false;
  await raw.query(
    `WITH m AS (SELECT member_id, row_number() OVER (ORDER BY card_number) AS i FROM members WHERE tenant_id = $1)
     , p AS (INSERT INTO purchases (tenant_id, purchase_id, member_id, occurred_at, total_minor, channel)
             SELECT $1, gen_random_uuid(), member_id, now() - (i % 365) * interval '1 day', 1000 + i % 9000, 'pos'
               FROM m WHERE i % 5 = 0 RETURNING member_id, occurred_at, total_minor)
     INSERT INTO member_stats (tenant_id, member_id, purchase_count, total_spent_minor, first_purchase_at, last_purchase_at)
     SELECT $1, member_id, 1, total_minor, occurred_at, occurred_at FROM p`,
    [tenantId],
  );
  await raw.query(
    `WITH m AS (SELECT member_id, row_number() OVER (ORDER BY card_number) AS i FROM members WHERE tenant_id = $1)
     , n AS (INSERT INTO notes (tenant_id, note_id, member_id, body)
             SELECT $1, gen_random_uuid(), member_id, 'Likes the corner table' FROM m WHERE i % 5 = 1)
     INSERT INTO tasks (tenant_id, task_id, member_id, title)
     SELECT $1, gen_random_uuid(), member_id, 'Call back' FROM m WHERE i % 5 = 1`,
    [tenantId],
  );
  return true;
}

/** The load average of the (shared) machine, to print beside the figures. */
export const loadAverage = () =>
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`;

/** The server's memory settings (sized to the machine by startEmbedded, or overridden). */
async function serverMemory(raw: pg.Client): Promise<string> {
  const names = ['shared_buffers', 'effective_cache_size', 'work_mem', 'maintenance_work_mem'];
  const rows = await raw.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name`,
    [names],
  );
  return rows.rows.map((r) => `${r.name} ${r.setting}`).join(', ');
}

/** Opens (seeding on first use) the benchmark database of `members` members. */
export async function openBenchDatabase(label: string, members: number): Promise<BenchDatabase> {
  const keep = process.env.BENCH_DATA_DIR;
  const { dir, cleanup } = keep ? { dir: keep, cleanup: () => undefined } : tempDir(label);
  const database = await startEmbedded(dir);
  const db = createDb(database.url, { max: 10 });
  const jobs = new Jobs(database.url);
  const raw = new pg.Client({ connectionString: database.url });
  const close = async () => {
    await raw.end().catch(() => undefined);
    await jobs.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    await database.stop();
    cleanup();
  };
  try {
    await migrate(database.url);
    await raw.connect();
    const ctx: AppContext = {
      db,
      config: testConfig(),
      clock: systemClock,
      jobs,
      events: new Events(db, jobs),
    };
    setupModules(ctx);
    await jobs.start({ work: false });
    const t0 = performance.now();
    const bench = await business(ctx, raw, BENCH_SLUG, members, 1);
    const other = await business(ctx, raw, 'other', Math.min(2000, members), 2);
    const timeline = await seedTimeline(raw, bench.tenantId);
    if (bench.seeded || other.seeded || timeline) {
      // Merges GIN pending lists as autovacuum would after a bulk load, and gathers statistics.
      await raw.query('VACUUM ANALYZE');
      console.log(`seeded in ${fixed((performance.now() - t0) / 1000, 1)} s`);
    } else console.log(`reusing the members seeded in ${dir}`);
    console.log(`${await serverMemory(raw)}; ${loadAverage()}`);
    if (process.env.BENCH_PREWARM !== '0') {
      // What a running server holds in memory after a while: the members' table and indexes
      // (as far as shared_buffers allows; BENCH_PREWARM=0 starts with a cold cache instead).
      const t1 = performance.now();
      await raw.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
      const r = await raw.query<{ pages: string }>(
        `SELECT sum(pg_prewarm(c.oid))::bigint AS pages FROM pg_class c
          WHERE c.oid = 'members'::regclass
             OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'members'::regclass)`,
      );
      const mb = (Number(r.rows[0]!.pages) * 8) / 1024;
      console.log(
        `prewarmed members and its indexes: ${fixed(mb)} MB in ${fixed((performance.now() - t1) / 1000, 1)} s`,
      );
    }
    const count = await raw.query<{ n: string }>(
      'SELECT count(*) AS n FROM members WHERE tenant_id = $1',
      [bench.tenantId],
    );
    if (Number(count.rows[0]!.n) < members)
      throw new Error(
        `${dir} holds ${count.rows[0]!.n} members, fewer than ${members}: use another BENCH_DATA_DIR`,
      );
    return { ctx, raw, database, dir, tenantId: bench.tenantId, otherId: other.tenantId, close };
  } catch (e) {
    await close();
    throw e;
  }
}
