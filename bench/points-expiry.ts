// The night a year's points lapse (end-of-year policy): one business of BENCH_MEMBERS members
// (1,000,000), each with a batch expiring at the end of 2026 (a third of them half spent) and
// every tenth with pending points whose return window ends that day. `runPointsMaintenance` runs
// at 00:30 on 1 January (Taipei) and is timed; between rounds the night is undone (not timed).
// The reference, in the same run: the per-member run as it was before (bench/lib/
// points-expiry-before.ts) against the set-based run on a second business of
// BENCH_REFERENCE_MEMBERS (5,000), alternating. Ledger rows are written set-based, not via the API.
// Run: `node --import tsx bench/points-expiry.ts`. Tune: BENCH_MEMBERS, BENCH_ROUNDS (3),
// BENCH_REFERENCE_MEMBERS.
import { testClock } from '@regulars/core';
import { createDb, migrate, startEmbedded } from '@regulars/db';
import {
  createTenant,
  Events,
  Jobs,
  setupModules,
  systemActor,
  testConfig,
  type AppContext,
} from '@regulars/server';
import pg from 'pg';
import { runPointsMaintenance } from '../apps/server/src/modules/loyalty/points/expiry';
import { maintenanceBefore } from './lib/points-expiry-before';
import { seedExpiry, undoNight } from './lib/points-expiry-seed';
import { envInt, fixed, header, median, table, tempDir } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const REFERENCE = envInt('BENCH_REFERENCE_MEMBERS', 5_000);
const NIGHT = '2026-12-31T16:30:00Z';

header(`Points expiry at ${MEMBERS.toLocaleString('en')} members`);
const { dir, cleanup } = tempDir('points-expiry');
const database = await startEmbedded(dir);
const db = createDb(database.url, { max: 4 });
const jobs = new Jobs(database.url);
const raw = new pg.Client({ connectionString: database.url });

try {
  await migrate(database.url);
  await raw.connect();
  const clock = testClock(NIGHT);
  const ctx: AppContext = { db, config: testConfig(), clock, jobs, events: new Events(db, jobs) };
  setupModules(ctx);
  await jobs.start({ work: false });
  const tenant = async (slug: string) =>
    (
      await createTenant(
        ctx,
        {
          name: slug,
          slug,
          defaultLanguage: 'zh-TW',
          timeZone: 'Asia/Taipei',
          currency: 'TWD',
          phoneCountry: 'TW',
          stores: [{ code: 'A', name: 'Store A' }],
          staff: [],
        },
        systemActor('bench'),
      )
    ).tenantId;
  const big = await tenant('expiry');
  const small = await tenant('reference');
  const t0 = performance.now();
  await seedExpiry(raw, big, MEMBERS);
  await seedExpiry(raw, small, REFERENCE);
  await raw.query('VACUUM ANALYZE');
  console.log(`seeded in ${fixed((performance.now() - t0) / 1000, 1)} s`);

  const timed = async <T>(fn: () => Promise<T>) => {
    const start = performance.now();
    const r = await fn();
    return { r, s: (performance.now() - start) / 1000 };
  };
  const rows: (string | number)[][] = [
    ['round', 'run', 'members', 'seconds', 'members/s', 'confirmed', 'expired'],
  ];
  const big_s: number[] = [];
  const ref = { before: [] as number[], now: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [label, fn] of [
      ['before', maintenanceBefore],
      ['now', runPointsMaintenance],
    ] as const) {
      const { r, s } = await timed(() => fn(ctx, small));
      ref[label].push(REFERENCE / s);
      rows.push([
        round,
        `${label}, reference`,
        REFERENCE,
        fixed(s, 2),
        fixed(REFERENCE / s),
        r.confirmed,
        r.expired,
      ]);
      await undoNight(raw, small);
    }
    const { r, s } = await timed(() => runPointsMaintenance(ctx, big));
    big_s.push(s);
    rows.push([round, 'now', MEMBERS, fixed(s, 1), fixed(MEMBERS / s), r.confirmed, r.expired]);
    if (round < ROUNDS) {
      const u = await timed(async () => {
        await undoNight(raw, big);
        await raw.query(
          'VACUUM ANALYZE points_batches, points_entries, points_balances, domain_events',
        );
      });
      console.log(`  round ${round} undone in ${fixed(u.s, 1)} s`);
    }
  }
  table(rows);
  const before = median(ref.before);
  const now = median(ref.now);
  console.log(
    `reference (${REFERENCE} members): before ${fixed(before)} members/s, now ${fixed(now)} members/s, ×${fixed(now / before, 1)}`,
  );
  console.log(
    `${MEMBERS.toLocaleString('en')} members: median ${fixed(median(big_s), 1)} s (goal ≤ 60 s)`,
  );
} finally {
  await raw.end().catch(() => undefined);
  await jobs.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  await database.stop();
  cleanup();
}
