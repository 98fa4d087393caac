// Caller ID at 1M members: server time of GET /api/caller-id (p50/p99, in-process with
// app.inject, and of the lookup itself), and lookups/s over HTTP against a bare Fastify route
// measured the same way in the same run.
// Run: `npm run bench caller-id` or `node --import tsx bench/caller-id.ts`.
// Tune: BENCH_MEMBERS (1000000), BENCH_LOOKUPS (5000), BENCH_SECONDS (5), BENCH_CONNECTIONS (10).
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createDb, migrate, sql, startEmbedded } from '@regulars/db';
import { systemClock } from '@regulars/core';
import {
  buildApp,
  createTenant,
  Events,
  Jobs,
  setupModules,
  systemActor,
  testConfig,
  type AppContext,
} from '@regulars/server';
import { lookUpCaller } from '../apps/server/src/modules/members/caller-id.service';
import { envInt, fixed, header, median, percentile, table, tempDir } from './lib/stats';

const MEMBERS = envInt('BENCH_MEMBERS', 1_000_000);
const LOOKUPS = envInt('BENCH_LOOKUPS', 5_000);
const SECONDS = envInt('BENCH_SECONDS', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);

header(`Caller ID: lookup by phone at ${MEMBERS.toLocaleString('en')} members`);
const { dir, cleanup } = tempDir('caller-id');
const database = await startEmbedded(dir);
const db = createDb(database.url, { max: 10 });
const jobs = new Jobs(database.url);
try {
  await migrate(database.url);
  const ctx: AppContext = {
    db,
    config: testConfig(),
    clock: systemClock,
    jobs,
    events: new Events(db, jobs),
  };
  setupModules(ctx);
  await jobs.start({ work: false });
  const { tenantId } = await createTenant(
    ctx,
    {
      name: 'Bench',
      slug: 'bench',
      defaultLanguage: 'zh-TW',
      timeZone: 'Asia/Taipei',
      currency: 'TWD',
      phoneCountry: 'TW',
      stores: [{ code: 'A', name: 'Store A' }],
      staff: [
        { role: 'admin', name: 'Admin', email: 'a@bench.test', password: 'bench password 1' },
      ],
    },
    systemActor('bench'),
  );

  // Set-based seeding as the owner: mobiles +8869xxxxxxxx, every 10th with a mainland number
  // as other phone; a purchase, a note and an open task for every 5th member.
  let t0 = performance.now();
  const { Client } = (await import('pg')).default;
  const raw = new Client({ connectionString: database.url });
  await raw.connect();
  await raw.query(
    `INSERT INTO members (tenant_id, member_id, card_number, name, gender, birthday, phone,
                          other_phones, source, tags, search_latin)
     SELECT $1, gen_random_uuid(), lpad(i::text, 10, '0'), '會員' || i,
            CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END,
            date '1960-01-01' + (i % 15000), '+8869' || lpad(i::text, 8, '0'),
            CASE WHEN i % 10 = 0 THEN ARRAY['+86138' || lpad(i::text, 8, '0')] ELSE '{}' END,
            'import', ARRAY['tag' || (i % 50)], '9' || lpad(i::text, 8, '0')
       FROM generate_series(1, $2::int) i`,
    [tenantId, MEMBERS],
  );
  await raw.query(
    `WITH m AS (SELECT member_id, row_number() OVER () AS i FROM members WHERE tenant_id = $1)
     , p AS (INSERT INTO purchases (tenant_id, purchase_id, member_id, occurred_at, total_minor, channel)
             SELECT $1, gen_random_uuid(), member_id, now() - (i % 365) * interval '1 day', 1000 + i % 9000, 'pos'
               FROM m WHERE i % 5 = 0 RETURNING member_id, occurred_at, total_minor)
     INSERT INTO member_stats (tenant_id, member_id, purchase_count, total_spent_minor, first_purchase_at, last_purchase_at)
     SELECT $1, member_id, 1, total_minor, occurred_at, occurred_at FROM p`,
    [tenantId],
  );
  await raw.query(
    `INSERT INTO notes (tenant_id, note_id, member_id, body)
     SELECT $1, gen_random_uuid(), member_id, 'Likes the corner table'
       FROM members WHERE tenant_id = $1 AND right(card_number, 1) IN ('0', '5')`,
    [tenantId],
  );
  await raw.query(
    `INSERT INTO tasks (tenant_id, task_id, member_id, title)
     SELECT $1, gen_random_uuid(), member_id, 'Call back'
       FROM members WHERE tenant_id = $1 AND right(card_number, 1) IN ('0', '5')`,
    [tenantId],
  );
  // Merges GIN pending lists as autovacuum would after a bulk load, and gathers statistics.
  await raw.query('VACUUM ANALYZE');
  const seedSeconds = (performance.now() - t0) / 1000;
  console.log(`seeded ${MEMBERS.toLocaleString('en')} members in ${fixed(seedSeconds, 1)} s`);

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
    payload: { businessCode: 'bench', email: 'a@bench.test', password: 'bench password 1' },
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

  // Warm-up, then one lookup at a time: the server time of each.
  for (const p of phones.slice(0, 500)) await lookUpCaller(ctx, auth, p, view);
  const service: number[] = [];
  let found = 0;
  for (const p of phones) {
    t0 = performance.now();
    const r = await lookUpCaller(ctx, auth, p, view);
    service.push(performance.now() - t0);
    if (r.member) found++;
  }
  // The floor: the same tenant-bound transaction around SELECT 1 (BEGIN, set tenant, COMMIT).
  const floor: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    t0 = performance.now();
    await db.withTenant(tenantId, (tx) => sql`SELECT 1`.execute(tx));
    floor.push(performance.now() - t0);
  }
  const injected: number[] = [];
  for (const p of phones) {
    t0 = performance.now();
    const res = await app.inject({
      url: `/api/caller-id?phone=${encodeURIComponent(p)}`,
      headers: { cookie },
    });
    injected.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`lookup ${res.statusCode}: ${res.body}`);
  }
  console.log(`${LOOKUPS} lookups, ${found} of them members (the rest strangers)`);

  // Lookups/s over HTTP, against a bare Fastify route, the same load generator and process.
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify();
  bare.get('/hello', async () => ({ hello: 'world' }));
  const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 });
  const load = (url: string, headers: Record<string, string>, paths?: string[]) =>
    new Promise<number>((resolve, reject) => {
      let n = 0;
      autocannon(
        {
          url,
          headers,
          connections: CONNECTIONS,
          duration: SECONDS,
          ...(paths
            ? {
                requests: [
                  { setupRequest: (req: object) => ({ ...req, path: paths[n++ % paths.length] }) },
                ],
              }
            : {}),
        },
        (err: unknown, r: autocannon.Result) => {
          if (err) return reject(err instanceof Error ? err : new Error(String(err)));
          if (r.non2xx || r.errors)
            return reject(new Error(`${r.non2xx} non-2xx, ${r.errors} errors`));
          resolve(r.requests.average);
        },
      );
    });
  const paths = phones.map((p) => `/api/caller-id?phone=${encodeURIComponent(p)}`);
  const bareRps: number[] = [];
  const lookupRps: number[] = [];
  for (let round = 0; round < 3; round++) {
    bareRps.push(await load(`${bareAddress}/hello`, {}));
    lookupRps.push(await load(address, { cookie }, paths));
  }
  await bare.close();
  await app.close();

  console.log('');
  table([
    ['measure', 'p50 ms', 'p99 ms'],
    [
      'floor: tenant transaction, SELECT 1',
      fixed(median(floor), 2),
      fixed(percentile(floor, 0.99), 2),
    ],
    [
      'lookup (service, one SQL + settings)',
      fixed(median(service), 2),
      fixed(percentile(service, 0.99), 2),
    ],
    [
      'GET /api/caller-id (app.inject, session)',
      fixed(median(injected), 2),
      fixed(percentile(injected, 0.99), 2),
    ],
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
  await raw.end();
} finally {
  await jobs.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  await database.stop();
  cleanup();
}
