// Nightly tier re-evaluation of one business of BENCH_MEMBERS members (1,000,000), each holding
// the tier their one to three purchases over the last two years reach (spending basis, rolling 12
// months, 30 days' grace). Two nights are timed: the first, when every member who fell below starts
// a grace, and the next one, when nothing changes — the usual night. Members are written set-based
// straight into the tables (what the run reads), not through the API.
// Run: `node --import tsx bench/tier-reevaluation.ts`. Tune: BENCH_MEMBERS, BENCH_ROUNDS (2).
import { randomUUID } from 'node:crypto';
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
import { runTierReevaluation } from '../apps/server/src/modules/loyalty/tiers/tier-reevaluation';
import { envInt, fixed, header, median, table, tempDir } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);

header(`Tier re-evaluation at ${MEMBERS.toLocaleString('en')} members`);
const { dir, cleanup } = tempDir('tier-reevaluation');
const database = await startEmbedded(dir);
const db = createDb(database.url, { max: 4 });
const jobs = new Jobs(database.url);
const raw = new pg.Client({ connectionString: database.url });
try {
  await migrate(database.url);
  await raw.connect();
  const clock = testClock('2026-11-25T18:15:00Z');
  const ctx: AppContext = { db, config: testConfig(), clock, jobs, events: new Events(db, jobs) };
  setupModules(ctx);
  await jobs.start({ work: false });
  const { tenantId } = await createTenant(
    ctx,
    {
      name: 'Tiers',
      slug: 'tiers',
      defaultLanguage: 'zh-TW',
      timeZone: 'Asia/Taipei',
      currency: 'TWD',
      phoneCountry: 'TW',
      stores: [{ code: 'A', name: 'Store A' }],
      staff: [],
    },
    systemActor('bench'),
  );
  const t0 = performance.now();
  const tiers = [randomUUID(), randomUUID(), randomUUID()];
  await raw.query(
    `INSERT INTO tiers (tenant_id, tier_id, name, threshold) VALUES
       ($1, $2, 'Silver', 100000), ($1, $3, 'Gold', 500000), ($1, $4, 'Black', 2000000)`,
    [tenantId, ...tiers],
  );
  await raw.query(
    `INSERT INTO tier_settings (tenant_id, basis, qualify_window, grace_days)
                   VALUES ($1, 'spend', 'rolling_12m', 30)`,
    [tenantId],
  );
  for (let done = 0; done < MEMBERS; done += 250_000) {
    const n = Math.min(250_000, MEMBERS - done);
    // Separate statements: a purchase's trigger must see its member committed by an earlier one.
    await raw.query(
      `INSERT INTO members (tenant_id, member_id, card_number, name, source)
       SELECT $1, gen_random_uuid(), lpad((${done} + i)::text, 10, '0'), 'Member ' || (${done} + i), 'import'
         FROM generate_series(1, $2) AS i`,
      [tenantId, n],
    );
    await raw.query(
      `INSERT INTO purchases (tenant_id, purchase_id, member_id, occurred_at, total_minor, channel)
       SELECT $1, gen_random_uuid(), m.member_id, $2::timestamptz + (random() * 700) * interval '1 day',
              (50000 + random() * 1500000)::bigint, 'import'
         FROM members m CROSS JOIN LATERAL generate_series(1, 1 + (hashtext(m.member_id::text) & 3) % 3) AS k
        WHERE m.tenant_id = $1 AND m.card_number > lpad($3::text, 10, '0')`,
      [tenantId, '2024-12-01T00:00:00Z', done],
    );
    console.log(`  ${done + n} members`);
  }
  // Each member holds the tier their spending over the whole two years reached: on the first
  // night those who spent less in the last twelve months start their grace.
  await raw.query(
    `INSERT INTO member_tiers (tenant_id, member_id, tier_id, status, since)
     SELECT $1, p.member_id,
            CASE WHEN sum(p.total_minor) >= 2000000 THEN $2::uuid
                 WHEN sum(p.total_minor) >= 500000 THEN $3::uuid ELSE $4::uuid END,
            'member', $5
       FROM purchases p WHERE p.tenant_id = $1 GROUP BY p.member_id HAVING sum(p.total_minor) >= 100000`,
    [tenantId, tiers[2], tiers[1], tiers[0], '2024-12-01T00:00:00Z'],
  );
  await raw.query('VACUUM ANALYZE');
  console.log(`seeded in ${fixed((performance.now() - t0) / 1000, 1)} s`);

  const rows: (string | number)[][] = [
    ['night', 'seconds', 'members/s', 'grace started', 'downgraded'],
  ];
  const times: number[] = [];
  for (let night = 1; night <= ROUNDS; night++) {
    const start = performance.now();
    const r = await runTierReevaluation(ctx, tenantId);
    const s = (performance.now() - start) / 1000;
    times.push(s);
    rows.push([
      night,
      fixed(s, 1),
      fixed(r.evaluated / s),
      r.graceStarted,
      r.downgraded + r.lapsed,
    ]);
    clock.advance(86_400_000);
  }
  table(rows);
  console.log(`median ${fixed(median(times), 1)} s (goal ≤ 60 s)`);
} finally {
  await raw.end().catch(() => undefined);
  await jobs.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  await database.stop();
  cleanup();
}
