// Startup time and idle memory of the whole system, against a floor measured the same way in the
// same run: the same embedded PostgreSQL with a bare Fastify app in front (bench/lib/bare-server).
// Each round, for each of the two: a cold start on an empty data folder (initdb, and for Regulars
// the migrations and the job queue's schema), stop, then a warm start on that folder, an idle wait,
// and the memory of its process tree (node and every postgres process), stop.
// Time is from spawning `node apps/cli/bin/regulars.js start` to the first 200 from /api/health.
// Run: `npm run bench startup` or `node --import tsx bench/startup.ts`.
// Tune: BENCH_ROUNDS (5), BENCH_IDLE_SECONDS (10).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@regulars/db';
import {
  CLI,
  ROOT,
  processesMentioning,
  sleep,
  spawnNode,
  stopServer,
  treeMemory,
  waitFor200,
  type Memory,
} from './lib/processes';
import { envInt, fixed, header, median, table, tempDir } from './lib/stats';

const ROUNDS = envInt('BENCH_ROUNDS', 5);
const IDLE_SECONDS = envInt('BENCH_IDLE_SECONDS', 10);
const GOAL_MS = 10_000;
const GOAL_MB = 400;

type System = { name: string; args: string[]; cold: number[]; warm: number[]; idle: Memory[] };
const regulars: System = {
  name: 'Regulars',
  args: [CLI, 'start'],
  cold: [],
  warm: [],
  idle: [],
};
const floor: System = {
  name: 'floor (PostgreSQL + bare Fastify)',
  args: ['--import', 'tsx', join(ROOT, 'bench/lib/bare-server.ts')],
  cold: [],
  warm: [],
  idle: [],
};
/** What Regulars says of itself ("ready in N ms": from its own start, after node has loaded). */
const selfReported: number[] = [];

/** One start of `system` on `dataDir`: milliseconds to ready, and the idle memory if asked. */
async function start(system: System, dataDir: string, logFile: string, idle: boolean) {
  const port = await freePort();
  const t0 = performance.now();
  const server = spawnNode(
    system.args,
    { PORT: String(port), REGULARS_DATA_DIR: dataDir },
    logFile,
  );
  try {
    const ms = await waitFor200(`http://127.0.0.1:${port}/api/health`, server, t0);
    if (!idle) return { ms, memory: null };
    await sleep(IDLE_SECONDS * 1000);
    return { ms, memory: treeMemory(server.child.pid!) };
  } finally {
    await stopServer(server);
  }
}

async function round(system: System) {
  const { dir, cleanup } = tempDir('startup');
  const dataDir = join(dir, 'data'); // not there yet: the server creates everything
  const logFile = join(dir, 'server.log');
  let strays: number[] = [];
  try {
    const cold = await start(system, dataDir, logFile, false);
    const warm = await start(system, dataDir, logFile, true);
    system.cold.push(cold.ms);
    system.warm.push(warm.ms);
    system.idle.push(warm.memory!);
    const m = warm.memory!;
    console.log(
      `  ${system.name}: cold ${fixed(cold.ms)} ms, warm ${fixed(warm.ms)} ms, idle ` +
        `${m.processes} processes RSS ${fixed(m.rssMb)} MB PSS ${fixed(m.pssMb)} MB`,
    );
    if (system === regulars)
      for (const m of readFileSync(logFile, 'utf8').matchAll(/ready in (\d+) ms/g))
        selfReported.push(Number(m[1]));
  } finally {
    strays = processesMentioning(dataDir);
    cleanup();
  }
  if (strays.length) throw new Error(`stray processes for ${dataDir}: ${strays.join(', ')}`);
}

header('Startup time and idle memory');
console.log(
  `${ROUNDS} rounds, alternating; time from spawn to first 200 from /api/health; memory after ` +
    `${IDLE_SECONDS} s idle, summed over the process tree`,
);
for (let i = 1; i <= ROUNDS; i++) {
  console.log(`round ${i}`);
  await round(regulars);
  await round(floor);
}

const med = (s: System, f: (m: Memory) => number) => median(s.idle.map(f));
const rows: (string | number)[][] = [
  ['median', 'Regulars', 'floor', 'Regulars − floor', 'goal', 'met'],
];
const add = (label: string, r: number, f: number, goal: number | null, digits = 0) =>
  rows.push([
    label,
    fixed(r, digits),
    fixed(f, digits),
    fixed(r - f, digits),
    goal === null ? '' : `≤ ${goal}`,
    goal === null ? '' : r <= goal ? 'yes' : 'NO',
  ]);
add('cold start, ms', median(regulars.cold), median(floor.cold), GOAL_MS);
add('warm start, ms', median(regulars.warm), median(floor.warm), GOAL_MS);
add(
  'idle processes',
  med(regulars, (m) => m.processes),
  med(floor, (m) => m.processes),
  null,
);
add(
  'idle RSS sum, MB',
  med(regulars, (m) => m.rssMb),
  med(floor, (m) => m.rssMb),
  GOAL_MB,
);
add(
  'idle PSS sum, MB',
  med(regulars, (m) => m.pssMb),
  med(floor, (m) => m.pssMb),
  GOAL_MB,
);
console.log('');
table(rows);
console.log(
  `Regulars' own "ready in" (after node and tsx have loaded): median cold ` +
    `${fixed(median(selfReported.filter((_, i) => i % 2 === 0)))} ms, warm ` +
    `${fixed(median(selfReported.filter((_, i) => i % 2 === 1)))} ms`,
);
