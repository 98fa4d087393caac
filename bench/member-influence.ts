// Influence centers (GET /api/members/influence) at 1M members with a realistic web of relations:
// every 10th member brought in by an earlier one (a few members bring in many, most none), every
// 20th with a friend or spouse. Server time (app.inject, session) of a request right after a
// relation changed (the ranking is computed: what every request cost before it was kept) and of
// requests while the relations stay the same (the ranking is reused after a fingerprint check).
// Run: `npm run bench member-influence` or `node --import tsx bench/member-influence.ts`.
// Tune: BENCH_MEMBERS (1000000), BENCH_ROUNDS (3 computed requests per order), BENCH_SEARCHES
// (50 reused requests per order); BENCH_DATA_DIR keeps the seeded database (bench-database.ts).
import { buildApp } from '@regulars/server';
import { BENCH_PASSWORD, BENCH_SLUG, openBenchDatabase } from './lib/bench-database';
import { envInt, fixed, header, median, percentile, table } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const REUSED = envInt('BENCH_SEARCHES', 50);

header(`Influence centers at ${MEMBERS.toLocaleString('en')} members`);
const bench = await openBenchDatabase('member-influence', MEMBERS);
const { ctx, raw, tenantId } = bench;
try {
  const seeded = await raw.query('SELECT 1 FROM relations WHERE tenant_id = $1 LIMIT 1', [
    tenantId,
  ]);
  if (!seeded.rowCount) {
    const t0 = performance.now();
    // Introducers drawn skewed towards the earliest members (power 3): a few bring in many.
    await raw.query(
      `WITH m AS (SELECT member_id, row_number() OVER (ORDER BY created_at, member_id) AS i
                    FROM members WHERE tenant_id = $1),
            pick AS (SELECT member_id, i, CASE WHEN i % 20 = 7 THEN i - 1
                              ELSE 1 + floor((i - 1) * power(random(), 3))::bigint END AS j,
                            CASE WHEN i % 20 = 7 THEN (ARRAY['friend', 'spouse'])[1 + (i / 20) % 2]
                              ELSE 'introduced_by' END AS kind
                       FROM m WHERE i > 1 AND (i % 10 = 3 OR i % 20 = 7))
       INSERT INTO relations (tenant_id, relation_id, member_id, kind, related_member_id)
       SELECT $1, gen_random_uuid(), p.member_id, p.kind, r.member_id
         FROM pick p JOIN m r ON r.i = p.j`,
      [tenantId],
    );
    await raw.query('VACUUM ANALYZE relations');
    console.log(`relations seeded in ${fixed((performance.now() - t0) / 1000, 1)} s`);
  }
  const counts = await raw.query<{ kind: string; n: string }>(
    `SELECT kind, count(*) AS n FROM relations WHERE tenant_id = $1 GROUP BY kind ORDER BY kind`,
    [tenantId],
  );
  console.log(counts.rows.map((r) => `${r.kind} ${r.n}`).join(', '));

  const app = await buildApp(ctx);
  await app.ready();
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { businessCode: BENCH_SLUG, email: `a@${BENCH_SLUG}.test`, password: BENCH_PASSWORD },
  });
  const cookie = `regulars_session=${signIn.cookies.find((c) => c.name === 'regulars_session')!.value}`;
  const [a, b] = (
    await raw.query<{ member_id: string }>(
      `SELECT member_id FROM members WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 2`,
      [tenantId],
    )
  ).rows.map((r) => r.member_id);
  const timedGet = async (url: string) => {
    const t0 = performance.now();
    const res = await app.inject({ url, headers: { cookie } });
    const ms = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return { ms, age: Number(res.headers.age) };
  };
  // A relation added or removed between requests, as staff would: the next request computes.
  let linked = !!(
    await raw.query(
      `SELECT 1 FROM relations WHERE tenant_id = $1 AND member_id = $2 AND kind = 'other'`,
      [tenantId, a],
    )
  ).rowCount;
  const changeRelation = async () => {
    await (linked
      ? raw.query(
          `DELETE FROM relations WHERE tenant_id = $1 AND member_id = $2 AND kind = 'other'`,
          [tenantId, a],
        )
      : raw.query(
          `INSERT INTO relations (tenant_id, relation_id, member_id, kind, related_member_id)
           VALUES ($1, gen_random_uuid(), $2, 'other', $3)`,
          [tenantId, a, b],
        ));
    linked = !linked;
  };

  const rows: string[][] = [['GET /api/members/influence (app.inject)', 'n', 'p50 ms', 'p99 ms']];
  for (const by of ['introduced', 'centrality']) {
    const url = `/api/members/influence?by=${by}&limit=20`;
    const computed: number[] = [];
    const reused: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await changeRelation();
      computed.push((await timedGet(url)).ms);
      for (let i = 0; i < REUSED / ROUNDS; i++) {
        const r = await timedGet(url);
        if (r.age > 3600) throw new Error('the ranking is older than expected');
        reused.push(r.ms);
      }
    }
    rows.push(
      [
        `by=${by}, after a relation changed (computed)`,
        String(computed.length),
        fixed(median(computed), 1),
        fixed(percentile(computed, 0.99), 1),
      ],
      [
        `by=${by}, relations unchanged (reused)`,
        String(reused.length),
        fixed(median(reused), 1),
        fixed(percentile(reused, 0.99), 1),
      ],
    );
  }
  if (linked) await changeRelation();
  await app.close();
  console.log('');
  table(rows);
} finally {
  await bench.close();
}
