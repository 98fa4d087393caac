// Member search at 1M members: server time of GET /api/members per kind of query (p50/p99, in
// process with app.inject and a session), and searches/s over HTTP against a bare Fastify route
// measured the same way in the same run. A second, small business holds members with the same
// names and numbers; no search may ever return one of them.
// Run: `npm run bench member-search` or `node --import tsx bench/member-search.ts`.
// Tune: BENCH_MEMBERS (1000000), BENCH_SEARCHES (100 per kind, at most BENCH_KIND_SECONDS = 20 s
// each), BENCH_SECONDS (5), BENCH_CONNECTIONS (10). BENCH_DATA_DIR keeps the seeded database in
// that folder and reuses it on the next run. Each kind of query is measured with search_member_ids()
// as migration 0010 made it and then with today's (0020), one after the other (BENCH_BEFORE=0:
// today only).
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { sql } from '@regulars/db';
import { buildApp } from '@regulars/server';
import { BENCH_PASSWORD, loadAverage, openBenchDatabase } from './lib/bench-database';
import { requestsPerSecond } from './lib/load';
import { envInt, fixed, header, median, percentile, table } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const SEARCHES = envInt('BENCH_SEARCHES', 100);
const KIND_SECONDS = envInt('BENCH_KIND_SECONDS', 20);
const SECONDS = envInt('BENCH_SECONDS', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
const GOAL_MS = 100;

header(`Member search at ${MEMBERS.toLocaleString('en')} members`);
const bench = await openBenchDatabase('member-search', MEMBERS);
const { ctx, raw, tenantId, otherId } = bench;
const db = ctx.db;
// The reference, measured in the same run: search_member_ids() as migration 0010 made it,
// installed in turn with today's (migration 0020) for each kind of query. BENCH_BEFORE=0: skip.
const BEFORE = process.env.BENCH_BEFORE !== '0';
const migration = (file: string) =>
  readFileSync(new URL(`../packages/db/migrations/${file}`, import.meta.url), 'utf8');
const fromFunction = (text: string) =>
  text.slice(text.indexOf('CREATE OR REPLACE FUNCTION search_member_ids('));
const SEARCH_BEFORE = fromFunction(migration('0010_member_lookups.sql'));
const SEARCH_TODAY = fromFunction(migration('0020_member_text_search.sql'));
const install = (text: string) => raw.query(text);
try {
  const others = new Set(
    (
      await raw.query<{ member_id: string }>('SELECT member_id FROM members WHERE tenant_id = $1', [
        otherId,
      ])
    ).rows.map((r) => r.member_id),
  );

  // What staff type, drawn from members who exist (a fixed sample, so runs compare).
  type Sample = { name: string; email: string | null; phone: string; card_number: string };
  const sample = (
    await raw.query<Sample & { search_latin: string; name_initials: string }>(
      `SELECT name, email, phone, card_number, search_latin, name_initials FROM members
        WHERE tenant_id = $1 AND hashtext(member_id::text) % 997 = 0 ORDER BY card_number LIMIT 300`,
      [tenantId],
    )
  ).rows;
  const national = (p: string) => `0${p.slice(4, 7)}-${p.slice(7, 10)}-${p.slice(10)}`;
  const q = (s: string) => `/api/members?q=${encodeURIComponent(s)}`;
  const kinds: [kind: string, paths: string[]][] = [
    ['Han full name ("王小明" and others)', [q('王小明'), ...sample.map((s) => q(s.name))]],
    [
      'Han 2-char substring (given name)',
      sample.filter((s) => [...s.name].length === 3).map((s) => q([...s.name].slice(1).join(''))),
    ],
    ['Han surname alone (1 char)', sample.map((s) => q([...s.name][0]!))],
    ['full pinyin ("wangxiaoming")', sample.map((s) => q(s.search_latin.split(' ')[0]!))],
    ['initials ("wxm")', sample.map((s) => q(s.name_initials))],
    ['phone, national format', sample.map((s) => q(national(s.phone)))],
    ['partial number ("5678")', sample.map((s) => q(s.phone.slice(-4)))],
    [
      'email fragment',
      sample.filter((s) => s.email).map((s) => q(s.email!.split('@')[0]!.slice(1))),
    ],
    ['card number', sample.map((s) => q(s.card_number))],
    [
      'tag alone',
      ['VIP', '常客', '網購', 'wine'].map((t) => `/api/members?tag=${encodeURIComponent(t)}`),
    ],
    ['tag + Han surname', sample.map((s) => `${q([...s.name][0]!)}&tag=VIP`)],
    ['no filter (newest first)', ['/api/members']],
  ];

  const app = await buildApp(ctx);
  await app.ready();
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { businessCode: 'bench', email: 'a@bench.test', password: BENCH_PASSWORD },
  });
  const cookie = `regulars_session=${signIn.cookies.find((c) => c.name === 'regulars_session')!.value}`;
  const get = async (url: string) => {
    const res = await app.inject({ url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const body = res.json() as { items: { memberId: string }[]; nextCursor: string | null };
    if (body.items.some((m) => others.has(m.memberId)))
      throw new Error(`${url} returned another business's member`);
    return body;
  };
  // Page 2: the cursor of page 1 of a broad search (a surname; VIPs), then the next page.
  const page2: string[] = [];
  for (const url of [...kinds[2]![1].slice(0, 30), '/api/members?tag=VIP']) {
    const first = await get(url);
    if (first.nextCursor)
      page2.push(`${url}${url.includes('?') ? '&' : '?'}cursor=${first.nextCursor}`);
  }
  kinds.push(['page 2 via cursor (surname; tag)', page2]);

  let t0 = performance.now();
  // The floor: the same tenant-bound transaction around SELECT 1 (BEGIN, set tenant, COMMIT).
  const floor: number[] = [];
  for (let i = 0; i < 1000; i++) {
    t0 = performance.now();
    await db.withTenant(tenantId, (tx) => sql`SELECT 1`.execute(tx));
    floor.push(performance.now() - t0);
  }
  const rows: string[][] = [
    [
      'GET /api/members (app.inject, session)',
      'n',
      'items',
      'p50 ms',
      'p99 ms',
      `≤ ${GOAL_MS} ms`,
      'before p50',
      'before p99',
    ],
    [
      'floor: tenant transaction, SELECT 1',
      '1000',
      '',
      fixed(median(floor), 2),
      fixed(percentile(floor, 0.99), 2),
      '',
    ],
  ];
  const measure = async (paths: string[]) => {
    for (const p of paths.slice(0, 3)) await get(p);
    const times: number[] = [];
    let items = 0;
    const started = performance.now();
    while (
      times.length < SEARCHES &&
      (times.length < 10 || performance.now() - started < KIND_SECONDS * 1000)
    ) {
      const url = paths[times.length % paths.length]!;
      const t0 = performance.now();
      const body = await get(url);
      times.push(performance.now() - t0);
      items += body.items.length;
    }
    return { times, items: items / times.length };
  };
  for (const [kind, paths] of kinds) {
    // The reference first, then today's function, one after the other for each kind of query.
    const before = BEFORE ? (await install(SEARCH_BEFORE), await measure(paths)) : null;
    await install(SEARCH_TODAY);
    const { times, items } = await measure(paths);
    const p99 = percentile(times, 0.99);
    rows.push([
      kind,
      String(times.length),
      fixed(items, 1),
      fixed(median(times), 1),
      fixed(p99, 1),
      p99 <= GOAL_MS ? 'yes' : 'no',
      before ? fixed(median(before.times), 1) : '',
      before ? fixed(percentile(before.times, 0.99), 1) : '',
    ]);
    console.log(rows.at(-1)!.join('  '));
  }

  // Searches/s over HTTP (the whole mix), against a bare Fastify route, same process.
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 });
  const mix = kinds.flatMap(([, paths]) => paths.slice(0, 20));
  const bareRps: number[] = [];
  const searchRps: number[] = [];
  const load = { connections: CONNECTIONS, seconds: SECONDS };
  for (let round = 0; round < 3; round++) {
    bareRps.push(await requestsPerSecond(`${bareAddress}/hello`, load));
    searchRps.push(await requestsPerSecond(address, { ...load, headers: { cookie }, paths: mix }));
  }
  await bare.close();
  await app.close();
  console.log(`at the end: ${loadAverage()}`);

  console.log('');
  table(rows);
  console.log('');
  table([
    ['over HTTP', 'median req/s', 'vs bare'],
    ['bare Fastify GET /hello', fixed(median(bareRps)), '1.000×'],
    [
      'GET /api/members (the mix above)',
      fixed(median(searchRps), 1),
      `${fixed(median(searchRps) / median(bareRps), 4)}×`,
    ],
  ]);
} finally {
  await install(SEARCH_TODAY).catch(() => undefined);
  await bench.close();
}
