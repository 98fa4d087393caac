// Purchases with points earned at the till over HTTP (POST /api/pos/purchases by API key, each
// with its own Idempotency-Key and external id), against two references measured in the same run
// on the same machine: a bare Fastify GET route, and pgbench's TPC-B-like transaction on the same
// PostgreSQL server (`pgbench -i -s 10`, 16 clients).
// Run: `npm run bench loyalty-earn` or `node --import tsx bench/loyalty-earn.ts`.
// Tune: BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_CONNECTIONS (16), BENCH_TILL_MEMBERS (500).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ensureDatabase, freePort } from '@regulars/db';
import { CLI, ROOT, processesMentioning, spawnNode, stopServer, waitFor200 } from './lib/processes';
import { envInt, fixed, header, median, percentile, table, tempDir } from './lib/stats';
import type { Server } from './lib/processes';

const ROUNDS = envInt('BENCH_ROUNDS', 3);
const SECONDS = envInt('BENCH_SECONDS', 10);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);
const MEMBERS = envInt('BENCH_TILL_MEMBERS', 500);

type Round = { rps: number; p99: number };

header('Loyalty: purchases with points at the till vs a bare route and pgbench');
const { dir, cleanup } = tempDir('loyalty');
const servers: Server[] = [];
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const regulars = spawnNode(
    [CLI, 'start'],
    { PORT: String(port), REGULARS_DATA_DIR: dir },
    join(dir, 'regulars.log'),
  );
  servers.push(regulars);
  await waitFor200(`${base}/api/health`, regulars, performance.now());
  const barePort = await freePort();
  const bare = spawnNode(
    ['--import', 'tsx', join(ROOT, 'bench/lib/bare-server.ts')],
    { PORT: String(barePort), REGULARS_DATA_DIR: '' },
    join(dir, 'bare.log'),
  );
  servers.push(bare);
  await waitFor200(`http://127.0.0.1:${barePort}/hello`, bare, performance.now());

  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return { json: (await res.json()) as Record<string, unknown>, res };
  };
  const password = 'benchmark password';
  await call('/setup', {
    business: { name: 'Bench hot pot', slug: 'bench', defaultLanguage: 'en' },
    admin: { name: 'Owner', email: 'owner@bench.test', password },
  });
  const signIn = await call('/auth/sign-in', {
    businessCode: 'bench',
    email: 'owner@bench.test',
    password,
  });
  const cookie = signIn.res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const staff = { cookie, 'x-csrf-token': String(signIn.json.csrfToken) };
  const key = await call(
    '/api-keys',
    { name: 'till', storeId: null, permissions: ['pos.transact'] },
    staff,
  );
  const till = { authorization: `Bearer ${String(key.json.secret)}` };
  await call(
    '/loyalty/rules',
    { name: 'Base', kind: 'spend', points: 1, perAmountMinor: 10_000 },
    staff,
  );
  await call(
    '/loyalty/rules',
    { name: 'Tuesdays', kind: 'spend', points: 1, perAmountMinor: 10_000, weekdays: [2] },
    staff,
  );
  const members: string[] = [];
  for (let i = 0; i < MEMBERS; i++)
    members.push(String((await call('/members', { name: `Regular ${i}` }, staff)).json.memberId));

  // pgbench on the same PostgreSQL server, in a database of its own.
  const pgPort = readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  const pgPassword = readFileSync(join(dir, 'pg-password'), 'utf8').trim();
  const pgEnv = {
    ...process.env,
    PGPASSWORD: pgPassword,
    PGHOST: '127.0.0.1',
    PGPORT: pgPort,
    PGUSER: 'postgres',
  };
  await ensureDatabase(
    `postgres://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${pgPort}/postgres`,
    'pgbench',
  );
  execFileSync('pgbench', ['-i', '-s', '10', '-q', 'pgbench'], { env: pgEnv, stdio: 'pipe' });
  const pgbench = (seconds: number): Round => {
    const out = execFileSync(
      'pgbench',
      ['-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-M', 'prepared', 'pgbench'],
      { env: pgEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
    return { rps: tps, p99: latency };
  };

  let n = 0;
  const sale = () => {
    n++;
    return JSON.stringify({
      memberId: members[n % members.length],
      externalId: `bench-${n}-${randomUUID()}`,
      lines: [
        { name: 'Beef', quantity: 2, unitPriceMinor: 38_000 + (n % 7) * 1000 },
        { name: 'Tea', quantity: 1, unitPriceMinor: 6_000 },
      ],
    });
  };
  const load = (target: 'bare' | 'pos', seconds: number) =>
    new Promise<Round>((resolve, reject) => {
      const times: number[] = [];
      const common = { connections: CONNECTIONS, duration: seconds };
      const opts: autocannon.Options =
        target === 'bare'
          ? { ...common, url: `http://127.0.0.1:${barePort}/hello` }
          : {
              ...common,
              url: `${base}/api/pos/purchases`,
              method: 'POST',
              headers: { ...till, 'content-type': 'application/json' },
              requests: [
                {
                  setupRequest: (req) => ({
                    ...req,
                    headers: { ...req.headers, 'idempotency-key': randomUUID() },
                    body: sale(),
                  }),
                },
              ],
            };
      const instance = autocannon(opts, (err: unknown, r: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        if (r.non2xx || r.errors || r.timeouts)
          return reject(new Error(`${target}: ${r.non2xx} non-2xx, ${r.errors} errors`));
        resolve({ rps: r.requests.average, p99: percentile(times, 0.99) });
      });
      instance.on('response', (_c, status, _b, ms) => {
        if (status === 200) times.push(ms);
      });
    });

  console.log(
    `${CONNECTIONS} connections/clients; warm-up 3 s each, then ${ROUNDS} rounds of ${SECONDS} s per target, alternating; ${MEMBERS} members, 2 earning rules`,
  );
  await load('bare', 3);
  await load('pos', 3);
  pgbench(3);
  const rounds = { bare: [] as Round[], pos: [] as Round[], pgbench: [] as Round[] };
  for (let i = 1; i <= ROUNDS; i++) {
    rounds.bare.push(await load('bare', SECONDS));
    rounds.pos.push(await load('pos', SECONDS));
    rounds.pgbench.push(pgbench(SECONDS));
    console.log(
      `round ${i}: bare ${fixed(rounds.bare.at(-1)!.rps)} req/s | POS purchase ${fixed(rounds.pos.at(-1)!.rps)} req/s p99 ${fixed(rounds.pos.at(-1)!.p99, 1)} ms | pgbench ${fixed(rounds.pgbench.at(-1)!.rps)} tps`,
    );
  }
  const med = (rs: Round[], k: keyof Round) => median(rs.map((r) => r[k]));
  const pos = med(rounds.pos, 'rps');
  console.log('');
  table([
    ['target', 'median req/s (tps)', 'median p99 ms (pgbench: mean latency)', 'POS vs it'],
    [
      'bare Fastify GET /hello',
      fixed(med(rounds.bare, 'rps')),
      fixed(med(rounds.bare, 'p99'), 2),
      `${fixed(pos / med(rounds.bare, 'rps'), 3)}×`,
    ],
    [
      'pgbench TPC-B-like, scale 10',
      fixed(med(rounds.pgbench, 'rps')),
      fixed(med(rounds.pgbench, 'p99'), 2),
      `${fixed(pos / med(rounds.pgbench, 'rps'), 3)}×`,
    ],
    ['POST /api/pos/purchases (earn)', fixed(pos), fixed(med(rounds.pos, 'p99'), 2), '1×'],
  ]);
} finally {
  for (const s of servers.reverse()) await stopServer(s);
  const strays = processesMentioning(dir);
  if (strays.length) console.error(`stray processes still using ${dir}: ${strays.join(', ')}`);
  cleanup();
}
