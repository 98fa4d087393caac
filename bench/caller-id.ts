// Caller ID at 1M members: server time of GET /api/caller-id (p50/p99, in-process with
// app.inject, and of the lookup itself), and lookups/s over HTTP against a bare Fastify route
// measured the same way in the same run.
// Run: `npm run bench caller-id` or `node --import tsx bench/caller-id.ts`.
// Tune: BENCH_MEMBERS (1000000), BENCH_LOOKUPS (5000 per round), BENCH_ROUNDS (3), BENCH_SECONDS (5),
// BENCH_CONNECTIONS (10); BENCH_DATA_DIR keeps the seeded database (bench/lib/bench-database.ts).
import Fastify from 'fastify';
import { sql } from '@regulars/db';
import { buildApp } from '@regulars/server';
import { lookUpCaller } from '../apps/server/src/modules/members/caller-id.service';
import { BENCH_PASSWORD, BENCH_SLUG, loadAverage, openBenchDatabase } from './lib/bench-database';
import { lookUpBefore } from './lib/caller-id-before';
import { requestsPerSecond } from './lib/load';
import { envInt, fixed, header, median, percentile, table } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const LOOKUPS = envInt('BENCH_LOOKUPS', 5_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const SECONDS = envInt('BENCH_SECONDS', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);

header(`Caller ID: lookup by phone at ${MEMBERS.toLocaleString('en')} members`);
const bench = await openBenchDatabase('caller-id', MEMBERS);
const { ctx, tenantId } = bench;
const db = ctx.db;
try {
  // Numbers as people type them: with dashes, international, full-width, mainland, strangers.
  const pick = () => 1 + Math.floor(Math.random() * MEMBERS);
  const formats = [
    (i: number) =>
      `09${String(i)
        .padStart(8, '0')
        .replace(/^(\d{2})(\d{3})(\d{3})$/, '$1-$2-$3')}`,
    (i: number) => `+886 9${String(i).padStart(8, '0')}`,
    (i: number) =>
      `０９${String(i)
        .padStart(8, '0')
        .replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`,
    (i: number) => `138 ${String(Math.ceil(i / 10) * 10).padStart(8, '0')}`,
    () => `0987 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
  ];
  const phones = Array.from({ length: LOOKUPS }, (_, n) => formats[n % formats.length]!(pick()));

  const app = await buildApp(ctx);
  await app.ready();
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { businessCode: BENCH_SLUG, email: `a@${BENCH_SLUG}.test`, password: BENCH_PASSWORD },
  });
  const cookie = `regulars_session=${signIn.cookies.find((c) => c.name === 'regulars_session')!.value}`;
  const auth = {
    kind: 'staff' as const,
    tenantId,
    actor: { type: 'staff' as const, id: null, name: 'bench', requestId: null },
    permissions: new Set(['members.browse' as const]),
    storeId: null,
    allowedStoreIds: null,
    sessionId: null,
    csrfToken: null,
    language: 'zh-TW' as const,
  };
  const view = { lang: 'zh-TW' as const, reveal: false };
  // Warm-up, then rounds of one lookup at a time: the server time of each, per way of asking,
  // the ways taking turns number by number (so that the machine's load falls on all alike).
  // The floor: a tenant-bound transaction around SELECT 1 (BEGIN, set tenant, SELECT, COMMIT);
  // the reference: the lookup as it was before caller_card() (bench/lib/caller-id-before.ts).
  for (const p of phones.slice(0, 500)) await lookUpCaller(ctx, auth, p, view);
  let found = 0;
  for (const p of phones) if ((await lookUpCaller(ctx, auth, p, view)).member) found++;
  console.log(`${LOOKUPS} numbers, ${found} of them members (the rest strangers)`);
  const measures = {
    'floor: tenant transaction, SELECT 1': (i: number) =>
      db.withTenant(tenantId, (tx) => sql`SELECT ${i}::int`.execute(tx)),
    'before: transaction, country, card query': (i: number) =>
      lookUpBefore(db, tenantId, phones[i]!, new Date()),
    'lookup (the service function)': (i: number) => lookUpCaller(ctx, auth, phones[i]!, view),
    'GET /api/caller-id (app.inject, session)': async (i: number) => {
      const res = await app.inject({
        url: `/api/caller-id?phone=${encodeURIComponent(phones[i]!)}`,
        headers: { cookie },
      });
      if (res.statusCode !== 200) throw new Error(`lookup ${res.statusCode}: ${res.body}`);
    },
  };
  const p50s = new Map<string, number[]>();
  const p99s = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const times = new Map(Object.keys(measures).map((name) => [name, [] as number[]]));
    for (let i = 0; i < LOOKUPS; i++)
      for (const [name, one] of Object.entries(measures)) {
        const t0 = performance.now();
        await one(i);
        times.get(name)!.push(performance.now() - t0);
      }
    for (const [name, t] of times) {
      p50s.set(name, [...(p50s.get(name) ?? []), median(t)]);
      p99s.set(name, [...(p99s.get(name) ?? []), percentile(t, 0.99)]);
      console.log(
        `round ${round + 1}: ${name}  p50 ${fixed(median(t), 2)}  p99 ${fixed(percentile(t, 0.99), 2)}`,
      );
    }
  }

  // Lookups/s over HTTP, against a bare Fastify route, the same load generator and process.
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 });
  const paths = phones.map((p) => `/api/caller-id?phone=${encodeURIComponent(p)}`);
  const load = { connections: CONNECTIONS, seconds: SECONDS };
  const bareRps: number[] = [];
  const lookupRps: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRps.push(await requestsPerSecond(`${bareAddress}/hello`, load));
    lookupRps.push(await requestsPerSecond(address, { ...load, headers: { cookie }, paths }));
  }
  await bare.close();
  await app.close();
  console.log(`at the end: ${loadAverage()}`);

  console.log('');
  table([
    [`median of ${ROUNDS} rounds of ${LOOKUPS}`, 'p50 ms', 'p99 ms', 'p99 per round'],
    ...Object.keys(measures).map((name) => [
      name,
      fixed(median(p50s.get(name)!), 2),
      fixed(median(p99s.get(name)!), 2),
      p99s
        .get(name)!
        .map((v) => fixed(v, 1))
        .join(' / '),
    ]),
  ]);
  console.log('');
  table([
    ['over HTTP', 'median req/s', 'vs bare'],
    ['bare Fastify GET /hello', fixed(median(bareRps)), '1.000×'],
    [
      'GET /api/caller-id',
      fixed(median(lookupRps)),
      `${fixed(median(lookupRps) / median(bareRps), 3)}×`,
    ],
  ]);
} finally {
  await bench.close();
}
