// Purchases with points earned at the till over HTTP (POST /api/pos/purchases by API key, each
// with its own Idempotency-Key and external id), against two references measured in the same run
// on the same machine: a bare Fastify GET route, and pgbench's TPC-B-like transaction on the same
// PostgreSQL server (`pgbench -i -s 10`, 16 clients).
// Run: `npm run bench loyalty-earn` or `node --import tsx bench/loyalty-earn.ts`.
// Tune: BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_CONNECTIONS (16), BENCH_TILL_MEMBERS (500);
// BENCH_PROFILE (a folder) for a CPU profile of the server; BENCH_NO_WORKER=1.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ensureDatabase, freePort } from '@regulars/db';
import {
  CLI,
  ROOT,
  processTree,
  processesMentioning,
  spawnNode,
  stopServer,
  waitFor200,
} from './lib/processes';
import { envInt, fixed, header, median, percentile, table, tempDir } from './lib/stats';
import type { Server } from './lib/processes';

const ROUNDS = envInt('BENCH_ROUNDS', 3);
const SECONDS = envInt('BENCH_SECONDS', 10);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);
const MEMBERS = envInt('BENCH_TILL_MEMBERS', 500);

type Round = { rps: number; p99: number };
type Cost = { nodeMs: number; pgMs: number; backlog: number };

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
/** CPU time (user + system) of one process so far, in ms; 0 once it is gone. */
const cpuMs = (pid: number) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(after[11]) + Number(after[12])) * TICK_MS;
  } catch {
    return 0;
  }
};

header('Loyalty: purchases with points at the till vs a bare route and pgbench');
const { dir, cleanup } = tempDir('loyalty');
const servers: Server[] = [];
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_PROFILE=<folder>: the server writes a CPU profile (.cpuprofile) there when it stops.
  const profile = process.env.BENCH_PROFILE;
  const regulars = spawnNode(
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      CLI,
      'start',
      // BENCH_NO_WORKER=1: events are not delivered meanwhile (what the requests alone cost).
      ...(process.env.BENCH_NO_WORKER === '1' ? ['--no-worker'] : []),
    ],
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

  // What a round of purchases cost in CPU: the server's node process (requests and the worker
  // delivering their events) and its PostgreSQL processes; and the events still undelivered.
  const serverPid = regulars.child.pid!;
  const cpuNow = () => {
    const [root, ...pg] = processTree(serverPid);
    return { node: cpuMs(root!), pg: pg.reduce((s, p) => s + cpuMs(p), 0) };
  };
  const backlog = () =>
    Number(
      execFileSync(
        'psql',
        ['-Atc', "SELECT count(*) FROM pgboss.job WHERE state < 'completed'", 'regulars'],
        { env: pgEnv, encoding: 'utf8' },
      ).trim(),
    );

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
  const costs: Cost[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    rounds.bare.push(await load('bare', SECONDS));
    const before = cpuNow();
    const pos = await load('pos', SECONDS);
    const after = cpuNow();
    const sales = pos.rps * SECONDS;
    costs.push({
      nodeMs: (after.node - before.node) / sales,
      pgMs: (after.pg - before.pg) / sales,
      backlog: backlog(),
    });
    rounds.pos.push(pos);
    rounds.pgbench.push(pgbench(SECONDS));
    const c = costs.at(-1)!;
    console.log(
      `round ${i}: bare ${fixed(rounds.bare.at(-1)!.rps)} req/s | POS purchase ${fixed(pos.rps)} req/s p99 ${fixed(pos.p99, 1)} ms, CPU per purchase node ${fixed(c.nodeMs, 2)} ms + PostgreSQL ${fixed(c.pgMs, 2)} ms, events undelivered ${c.backlog} | pgbench ${fixed(rounds.pgbench.at(-1)!.rps)} tps`,
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
  const medCost = (k: keyof Cost) => median(costs.map((c) => c[k]));
  console.log(
    `\nCPU per purchase (median): node ${fixed(medCost('nodeMs'), 2)} ms, PostgreSQL ${fixed(medCost('pgMs'), 2)} ms; jobs still queued after a round: ${fixed(medCost('backlog'))}`,
  );
} finally {
  for (const s of servers.reverse()) await stopServer(s);
  const strays = processesMentioning(dir);
  if (strays.length) console.error(`stray processes still using ${dir}: ${strays.join(', ')}`);
  cleanup();
}
