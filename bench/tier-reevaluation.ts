// Nightly tier re-evaluation of one business of BENCH_MEMBERS members (1,000,000), each holding
// the tier their one to three purchases over the last two years reach (spending basis, rolling 12
// months, 30 days' grace). Two nights are timed: the first, when every member who fell below starts
// a grace, and the next one, when nothing changes — the usual night. Members are written set-based
// straight into the tables (what the run reads), not through the API. With BENCH_BASIS=points the
// tiers are on points earned: each member has one to three earnings in the ledger instead.
// Reference, in the same run: the exact per-member path over the first BENCH_REFERENCE_MEMBERS
// (2,000) members, rolled back, before the first night.
// Run: `node --import tsx bench/tier-reevaluation.ts`. Tune: BENCH_MEMBERS, BENCH_ROUNDS (2),
// BENCH_BASIS (spend | points), BENCH_REFERENCE_MEMBERS.
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
import { evaluateMemberTier } from '../apps/server/src/modules/loyalty/tiers/tier-evaluation';
import { runTierReevaluation } from '../apps/server/src/modules/loyalty/tiers/tier-reevaluation';
import { activeTiers, readTierSettings } from '../apps/server/src/modules/loyalty/tiers/tier-store';
import { envInt, fixed, header, median, table, tempDir } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const REFERENCE = envInt('BENCH_REFERENCE_MEMBERS', 2_000);
const POINTS = process.env.BENCH_BASIS === 'points';
// Points are a hundredth of the money (minor units) in this seed: the same members reach the same tiers.
const UNIT = POINTS ? 100 : 1;

header(
  `Tier re-evaluation at ${MEMBERS.toLocaleString('en')} members (${POINTS ? 'points' : 'spend'} basis)`,
);
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
       ($1, $2, 'Silver', 100000 / $5::int), ($1, $3, 'Gold', 500000 / $5::int),
       ($1, $4, 'Black', 2000000 / $5::int)`,
    [tenantId, ...tiers, UNIT],
  );
  await raw.query(
    `INSERT INTO tier_settings (tenant_id, basis, qualify_window, grace_days)
                   VALUES ($1, $2, 'rolling_12m', 30)`,
    [tenantId, POINTS ? 'points' : 'spend'],
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
      POINTS
        ? `INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, reason, source,
             source_ref, actor_type, balance_after, occurred_at)
           SELECT $1, gen_random_uuid(), m.member_id, 'earn', (500 + random() * 15000)::int,
                  'purchase', 'purchase', 'b' || k, 'system', 0,
                  $2::timestamptz + (random() * 700) * interval '1 day'
             FROM members m CROSS JOIN LATERAL generate_series(1, 1 + (hashtext(m.member_id::text) & 3) % 3) AS k
            WHERE m.tenant_id = $1 AND m.card_number > lpad($3::text, 10, '0')`
        : `INSERT INTO purchases (tenant_id, purchase_id, member_id, occurred_at, total_minor, channel)
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
  const values = POINTS
    ? `SELECT member_id, sum(points)::bigint AS v FROM points_entries WHERE tenant_id = $1 GROUP BY member_id`
    : `SELECT member_id, sum(total_minor) AS v FROM purchases WHERE tenant_id = $1 GROUP BY member_id`;
  await raw.query(
    `INSERT INTO member_tiers (tenant_id, member_id, tier_id, status, since)
     SELECT $1, p.member_id,
            CASE WHEN p.v >= 2000000 / $6::int THEN $2::uuid
                 WHEN p.v >= 500000 / $6::int THEN $3::uuid ELSE $4::uuid END,
            'member', $5
       FROM (${values}) p WHERE p.v >= 100000 / $6::int`,
    [tenantId, tiers[2], tiers[1], tiers[0], '2024-12-01T00:00:00Z', UNIT],
  );
  await raw.query('VACUUM ANALYZE');
  console.log(`seeded in ${fixed((performance.now() - t0) / 1000, 1)} s`);

  // The reference: the exact per-member path (as points-basis tiers took before), rolled back.
  const refStart = performance.now();
  await db
    .withTenant(tenantId, async (tx) => {
      const loaded = { settings: await readTierSettings(tx), tiers: await activeTiers(tx) };
      const held = await tx
        .selectFrom('member_tiers')
        .select('member_id')
        .where('status', '=', 'member')
        .orderBy('member_id')
        .limit(REFERENCE)
        .execute();
      for (const { member_id } of held)
        await evaluateMemberTier(ctx, tx, tenantId, member_id, { reevaluate: true, loaded });
      throw new Error('rolled back');
    })
    .catch((err: Error) => {
      if (err.message !== 'rolled back') throw err;
    });
  const perMember = REFERENCE / ((performance.now() - refStart) / 1000);
  console.log(`reference: per-member path ${fixed(perMember)} members/s (${REFERENCE} members)`);

  const rows: (string | number)[][] = [
    ['night', 'seconds', 'members/s', 'vs per-member', 'grace started', 'downgraded'],
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
      `×${fixed(r.evaluated / s / perMember, 1)}`,
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
