// Member import: rows/s of the whole import (read, validate, find duplicates, upsert in batches of
// 500 with progress and rejects) of a generated CSV, against PostgreSQL's raw COPY of the same file
// into a bare table (all text, no indexes) on the same server, in alternating rounds; then the same
// CSV again into the same business (every member already there); then an .xlsx: rows/s and the
// importing process's peak memory. Each import runs in a child process (bench/lib/import-child.ts)
// that uploads with the service, starts (not a dry run) and runs the job's handler to the end.
// Run: `npm run bench member-import` or `node --import tsx bench/member-import.ts`.
// Tune: BENCH_ROWS (1000000, the CSV), BENCH_XLSX_ROWS (100000; 0 skips the xlsx), BENCH_ROUNDS
// (2). BENCH_PROFILE=<dir> writes a V8 CPU profile of each import child there (node --cpu-prof);
// BENCH_FLOOR_DETAIL=1 also measures the floor without each index of the members table.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDb, migrate, startEmbedded } from '@regulars/db';
import { systemClock } from '@regulars/core';
import {
  createTenant,
  Events,
  Jobs,
  setupModules,
  systemActor,
  testConfig,
} from '@regulars/server';
import type { ImportRun } from './lib/import-child';
import { IMPORT_HEADERS, writeMemberCsv, writeMemberXlsx } from './lib/import-file';
import { ROOT } from './lib/processes';
import { envInt, fixed, header, median, table, tempDir } from './lib/stats';

const ROWS = envInt('BENCH_ROWS', 1_000_000);
const XLSX_ROWS = process.env.BENCH_XLSX_ROWS === '0' ? 0 : envInt('BENCH_XLSX_ROWS', 100_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const PROFILE = process.env.BENCH_PROFILE;
const COPY_GOAL = 0.25;
const MEMORY_GOAL_MB = 500;

header(
  `Member import: ${ROWS.toLocaleString('en')}-row CSV, ${XLSX_ROWS.toLocaleString('en')}-row xlsx`,
);
const { dir, cleanup } = tempDir('member-import');
const files = join(dir, 'files');
const database = await startEmbedded(join(dir, 'db'));
const db = createDb(database.url, { max: 4 });
const jobs = new Jobs(database.url);
const { Client } = (await import('pg')).default;
const raw = new Client({ connectionString: database.url });
try {
  await migrate(database.url);
  await raw.connect();
  const ctx = { db, config: testConfig(), clock: systemClock, jobs, events: new Events(db, jobs) };
  setupModules(ctx);
  await jobs.start({ work: false });

  const t0 = performance.now();
  mkdirSync(files);
  chmodSync(files, 0o755); // the server (as `postgres`) reads the CSV for COPY
  const csv = join(files, 'members.csv');
  const xlsx = join(files, 'members.xlsx');
  const csvBytes = await writeMemberCsv(csv, ROWS);
  if (XLSX_ROWS) await writeMemberXlsx(xlsx, XLSX_ROWS);
  chmodSync(csv, 0o644);
  if (XLSX_ROWS) chmodSync(xlsx, 0o644);
  console.log(
    `files written in ${fixed((performance.now() - t0) / 1000, 1)} s: CSV ${fixed(csvBytes / 2 ** 20, 1)} MB, ` +
      `xlsx ${XLSX_ROWS ? fixed(statSync(xlsx).size / 2 ** 20, 1) : '–'} MB`,
  );

  let businesses = 0;
  const business = async () => {
    const slug = `bench${++businesses}`;
    const { tenantId } = await createTenant(
      ctx,
      {
        name: slug,
        slug,
        defaultLanguage: 'zh-TW',
        timeZone: 'Asia/Taipei',
        currency: 'TWD',
        phoneCountry: 'TW',
        stores: [{ code: 'A', name: 'Store A' }],
        staff: [
          { role: 'admin', name: 'Admin', email: `a@${slug}.test`, password: 'bench password 1' },
        ],
      },
      systemActor('bench'),
    );
    return tenantId;
  };
  const importFile = async (tenantId: string, path: string): Promise<ImportRun> => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
        '--import',
        'tsx',
        join(ROOT, 'bench/lib/import-child.ts'),
        database.url,
        tenantId,
        path,
      ],
      { cwd: ROOT, maxBuffer: 1 << 24 },
    );
    return JSON.parse(stdout.trim().split('\n').pop()!) as ImportRun;
  };
  // The reference: COPY of the same file into a bare table, read by the server itself.
  const columns = IMPORT_HEADERS.map((_, i) => `c${i} text`).join(', ');
  await raw.query(`CREATE TABLE bench_copy (${columns})`);
  const copy = async () => {
    await raw.query('TRUNCATE bench_copy');
    const t = performance.now();
    const r = await raw.query(`COPY bench_copy FROM '${csv}' WITH (FORMAT csv, HEADER true)`);
    const seconds = (performance.now() - t) / 1000;
    if (r.rowCount !== ROWS) throw new Error(`COPY read ${r.rowCount} rows, not ${ROWS}`);
    return ROWS / seconds;
  };

  // A second reference, the floor of any import into the real schema: the same members inserted
  // by one SQL statement (no file, no checks, no round trips) into another business's members
  // table, with its indexes (trigram and n-gram GIN for search, phone, card, …), as the owner.
  const floor = async (fromTenant: string) => {
    const toTenant = await business();
    await raw.query('DROP TABLE IF EXISTS bench_floor');
    await raw.query(`CREATE TEMP TABLE bench_floor AS SELECT * FROM members WHERE tenant_id = $1`, [
      fromTenant,
    ]);
    await raw.query(
      `UPDATE bench_floor SET tenant_id = $1, member_id = gen_random_uuid(), home_store_id = NULL`,
      [toTenant],
    );
    const insert = async () => {
      const t = performance.now();
      const r = await raw.query('INSERT INTO members SELECT * FROM bench_floor');
      return (r.rowCount ?? 0) / ((performance.now() - t) / 1000);
    };
    // BENCH_FLOOR_DETAIL=1: what each index costs — the insert again without it (DROP INDEX and
    // the insert in a transaction that is rolled back), and without any index but the keys'.
    if (process.env.BENCH_FLOOR_DETAIL) {
      const { rows } = await raw.query<{ name: string; unique: boolean }>(
        `SELECT c.relname AS name, i.indisunique AS unique FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'members'::regclass`,
      );
      const without = async (names: string[]) => {
        await raw.query('BEGIN');
        try {
          for (const n of names) await raw.query(`DROP INDEX ${n}`);
          return await insert();
        } finally {
          await raw.query('ROLLBACK');
        }
      };
      for (const { name } of rows.filter((r) => !r.unique))
        console.log(`    without ${name}: ${fixed(await without([name]))} rows/s`);
      const all = rows.filter((r) => !r.unique).map((r) => r.name);
      console.log(
        `    without all ${all.length} non-unique indexes: ${fixed(await without(all))} rows/s`,
      );
    }
    return insert();
  };

  const copyRps: number[] = [];
  const floorRps: number[] = [];
  const importRps: number[] = [];
  const reimportRps: number[] = [];
  const show = (label: string, r: ImportRun) => {
    const c = r.counts;
    console.log(
      `  ${label}: ${r.rows} rows in ${fixed(r.seconds, 1)} s (${fixed(r.rows / r.seconds)} rows/s; ` +
        `upload ${fixed(r.uploadSeconds, 1)} s) — created ${c.created}, updated ${c.updated}, ` +
        `unchanged ${c.unchanged}, rejected ${c.rejected}, skipped ${c.skipped}; ` +
        `peak RSS ${fixed(r.hwmMb)} MB`,
    );
    if (r.rows !== ROWS) throw new Error(`the import counted ${r.rows} rows, not ${ROWS}`);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}/${ROUNDS}`);
    copyRps.push(await copy());
    console.log(`  COPY: ${fixed(copyRps.at(-1)!)} rows/s`);
    const tenantId = await business();
    const first = await importFile(tenantId, csv);
    show('import into an empty business', first);
    importRps.push(first.rows / first.seconds);
    floorRps.push(await floor(tenantId));
    console.log(
      `  INSERT…SELECT of the same members into another business: ${fixed(floorRps.at(-1)!)} rows/s`,
    );
    copyRps.push(await copy());
    console.log(`  COPY: ${fixed(copyRps.at(-1)!)} rows/s`);
    const again = await importFile(tenantId, csv);
    show('re-import of the same file', again);
    reimportRps.push(again.rows / again.seconds);
  }
  const copyMedian = median(copyRps);
  console.log('');
  table([
    [
      `${ROWS.toLocaleString('en')}-row CSV, median of ${ROUNDS}`,
      'rows/s',
      'vs COPY',
      `goal ≥ ${COPY_GOAL}×`,
    ],
    ['COPY into a bare table (reference)', fixed(copyMedian), '1', ''],
    [
      'import into an empty business',
      fixed(median(importRps)),
      `${fixed(median(importRps) / copyMedian, 3)}×`,
      median(importRps) / copyMedian >= COPY_GOAL ? 'met' : 'NOT met',
    ],
    [
      'floor: INSERT…SELECT of the members (indexes only)',
      fixed(median(floorRps)),
      `${fixed(median(floorRps) / copyMedian, 3)}×`,
      '',
    ],
    [
      're-import (all already there)',
      fixed(median(reimportRps)),
      `${fixed(median(reimportRps) / copyMedian, 3)}×`,
      '',
    ],
  ]);

  // The xlsx: one import per round into a fresh business; memory is the child's own.
  const x: ImportRun[] = [];
  for (let round = 1; round <= (XLSX_ROWS ? ROUNDS : 0); round++) {
    const r = await importFile(await business(), xlsx);
    console.log(
      `  xlsx ${round}/${ROUNDS}: ${r.rows} rows in ${fixed(r.seconds, 1)} s, ` +
        `rejected ${r.counts.rejected}, peak RSS ${fixed(r.hwmMb)} MB (sampled ${fixed(r.peakRssMb)} MB)`,
    );
    if (r.rows !== XLSX_ROWS)
      throw new Error(`the import counted ${r.rows} rows, not ${XLSX_ROWS}`);
    x.push(r);
  }
  const peakMb = median(x.map((r) => r.hwmMb));
  console.log('');
  if (XLSX_ROWS)
    table([
      [
        `${XLSX_ROWS.toLocaleString('en')}-row xlsx, median of ${ROUNDS}`,
        'rows/s',
        'peak RSS',
        `goal ≤ ${MEMORY_GOAL_MB} MB`,
      ],
      [
        'import into an empty business',
        fixed(median(x.map((r) => r.rows / r.seconds))),
        `${fixed(peakMb)} MB`,
        peakMb <= MEMORY_GOAL_MB ? 'met' : 'NOT met',
      ],
    ]);
} finally {
  await raw.end().catch(() => undefined);
  await jobs.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  await database.stop();
  cleanup();
}
