// One member import in a process of its own (so its memory is the import's alone): uploads the
// file with the service, starts it (not a dry run), runs the job's handler to completion in this
// process, and prints one JSON line: rows, timings, counts, and peak memory (VmHWM from
// /proc/self/status, and the largest RSS sampled every 50 ms).
// Run by bench/member-import.ts: `node --import tsx bench/lib/import-child.ts <db url> <tenant id> <file>`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createDb } from '@regulars/db';
import { systemClock } from '@regulars/core';
import {
  Events,
  getImport,
  Jobs,
  runMemberImport,
  setupModules,
  startImport,
  testConfig,
  uploadImport,
  type AppContext,
  type AuthContext,
} from '@regulars/server';
import { IMPORT_MAPPING } from './import-file';

export type ImportRun = {
  rows: number;
  uploadSeconds: number;
  seconds: number;
  counts: {
    created: number;
    updated: number;
    unchanged: number;
    rejected: number;
    skipped: number;
  };
  peakRssMb: number;
  hwmMb: number;
};

const statusKb = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

const [url, tenantId, path] = process.argv.slice(2) as [string, string, string];
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 50);
const db = createDb(url, { max: 4 });
const jobs = new Jobs(url);
try {
  const ctx: AppContext = {
    db,
    config: testConfig(),
    clock: systemClock,
    jobs,
    events: new Events(db, jobs),
  };
  setupModules(ctx);
  await jobs.start({ work: false });
  const auth: AuthContext = {
    kind: 'staff',
    tenantId,
    actor: { type: 'staff', id: null, name: 'bench', requestId: null },
    permissions: new Set(['members.import' as const]),
    storeId: null,
    allowedStoreIds: null,
    sessionId: null,
    csrfToken: null,
    language: 'zh-TW',
  };
  let t0 = performance.now();
  const up = await uploadImport(ctx, auth, basename(path), readFileSync(path));
  const uploadSeconds = (performance.now() - t0) / 1000;
  await startImport(ctx, auth, up.importId, {
    mapping: IMPORT_MAPPING,
    matchBy: 'phone',
    dryRun: false,
  });
  t0 = performance.now();
  await runMemberImport(ctx, tenantId, up.importId);
  const seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  const done = await getImport(ctx, auth, up.importId);
  if (done.status !== 'done') throw new Error(`import ended ${done.status}: ${done.error}`);
  const run: ImportRun = {
    rows: done.totalRows ?? 0,
    uploadSeconds,
    seconds,
    counts: done.counts,
    peakRssMb: peak / 2 ** 20,
    hwmMb: statusKb('VmHWM') / 1024,
  };
  console.log(JSON.stringify(run));
} finally {
  clearInterval(sampler);
  await jobs.stop();
  await db.close();
}
