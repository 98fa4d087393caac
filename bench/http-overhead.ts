// Throughput and p99 latency of an authenticated GET (/api/stores, by session cookie and by API
// key) against a bare Fastify hello route, measured in alternating rounds in the same run.
// Both servers run as their own processes; the load generator (autocannon) runs here.
// Run: `npm run bench http-overhead` or `node --import tsx bench/http-overhead.ts`.
// Tune: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_CONNECTIONS (10).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '@regulars/db';
import { CLI, ROOT, processesMentioning, spawnNode, stopServer, waitFor200 } from './lib/processes';
import { envInt, fixed, header, median, percentile, table, tempDir } from './lib/stats';
import type { Server } from './lib/processes';

const ROUNDS = envInt('BENCH_ROUNDS', 5);
const SECONDS = envInt('BENCH_SECONDS', 5);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);

type Target = { name: string; url: string; headers: Record<string, string> };
type Round = { rps: number; p99: number };

header('HTTP overhead: authenticated GET vs bare Fastify');
const { dir, cleanup } = tempDir('http');
const servers: Server[] = [];
try {
  // The demo business, created by the CLI in the fresh data folder before the server starts.
  const demo = JSON.parse(
    execFileSync(process.execPath, [CLI, 'demo', '--json'], {
      cwd: ROOT,
      env: { ...process.env, REGULARS_DATA_DIR: dir },
      encoding: 'utf8',
    }),
  ) as { businessCode: string; accounts: { email: string; password: string }[] };
  const admin = demo.accounts[0]!;

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

  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      businessCode: demo.businessCode,
      email: admin.email,
      password: admin.password,
    }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const keyRes = await fetch(`${base}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', storeId: null, permissions: ['members.browse'] }),
  });
  if (keyRes.status !== 200) throw new Error(`api key: ${keyRes.status} ${await keyRes.text()}`);
  const { secret } = (await keyRes.json()) as { secret: string };

  const targets: Target[] = [
    { name: 'bare Fastify GET /hello', url: `http://127.0.0.1:${barePort}/hello`, headers: {} },
    { name: 'GET /api/stores (session)', url: `${base}/api/stores`, headers: { cookie } },
    {
      name: 'GET /api/stores (API key)',
      url: `${base}/api/stores`,
      headers: { authorization: `Bearer ${secret}` },
    },
  ];
  for (const t of targets) {
    const res = await fetch(t.url, { headers: t.headers });
    if (res.status !== 200) throw new Error(`${t.name}: ${res.status} ${await res.text()}`);
  }

  // autocannon's own histogram keeps whole milliseconds (a bare p99 reads 0 or 1): keep each
  // response's time (hrtime, fractional ms) instead.
  const load = (t: Target, seconds: number) =>
    new Promise<Round>((resolve, reject) => {
      const times: number[] = [];
      const opts = { url: t.url, headers: t.headers, connections: CONNECTIONS, duration: seconds };
      const instance = autocannon(opts, (err: unknown, r: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        if (r.non2xx || r.errors || r.timeouts)
          return reject(new Error(`${t.name}: ${r.non2xx} non-2xx, ${r.errors} errors`));
        resolve({ rps: r.requests.average, p99: percentile(times, 0.99) });
      });
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status === 200) times.push(ms);
      });
    });

  console.log(
    `${CONNECTIONS} connections over loopback; warm-up 3 s each, then ${ROUNDS} rounds of ` +
      `${SECONDS} s per target, alternating; Regulars at log level ${process.env.LOG_LEVEL || 'info'}`,
  );
  for (const t of targets) await load(t, 3);
  const rounds = new Map<Target, Round[]>(targets.map((t) => [t, []]));
  for (let i = 1; i <= ROUNDS; i++) {
    const line: string[] = [];
    for (const t of targets) {
      const r = await load(t, SECONDS);
      rounds.get(t)!.push(r);
      line.push(`${fixed(r.rps)} req/s p99 ${fixed(r.p99, 2)} ms`);
    }
    console.log(`round ${i}: ${line.join(' | ')}`);
  }

  const bareRps = median(rounds.get(targets[0]!)!.map((r) => r.rps));
  const bareP99 = median(rounds.get(targets[0]!)!.map((r) => r.p99));
  const rows: (string | number)[][] = [
    ['target', 'median req/s', 'median p99 ms', 'throughput vs bare', 'p99 vs bare'],
  ];
  for (const t of targets) {
    const rps = median(rounds.get(t)!.map((r) => r.rps));
    const p99 = median(rounds.get(t)!.map((r) => r.p99));
    rows.push([
      t.name,
      fixed(rps),
      fixed(p99, 2),
      `${fixed(rps / bareRps, 3)}×`,
      `${fixed(p99 / bareP99, 1)}×`,
    ]);
  }
  console.log('');
  table(rows);
} finally {
  for (const s of servers.reverse()) await stopServer(s);
  const strays = processesMentioning(dir);
  if (strays.length) console.error(`stray processes still using ${dir}: ${strays.join(', ')}`);
  cleanup();
}
