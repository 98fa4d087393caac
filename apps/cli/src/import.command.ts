import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import pg from 'pg';
import { errorMessage, ImportKind, ImportMatchBy, type ErrorCode } from '@regulars/contracts';
import {
  AppError,
  getImport,
  loadConfig,
  rejectsCsv,
  runImport,
  startImport,
  startRegulars,
  systemActor,
  uploadImport,
  type AppContext,
  type AuthContext,
} from '@regulars/server';

type Options = {
  dryRun?: boolean;
  kind: string;
  match: string;
  tenant?: string;
  json?: boolean;
};

/** Exit codes: 0 every row saved (or would be), 2 some rows rejected, 1 the import could not run. */
export const EXIT_REJECTED = 2;

async function resolveTenant(ctx: AppContext, slug: string | undefined): Promise<string> {
  // The owner connection reads past row-level security: the CLI is an operator's tool.
  const client = new pg.Client({ connectionString: ctx.db.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tenant_id: string; slug: string }>(
      'SELECT tenant_id, slug FROM tenants ORDER BY slug',
    );
    if (slug) {
      const t = rows.find((r) => r.slug === slug);
      if (!t)
        throw new Error(
          `no business with the code "${slug}" (known: ${rows.map((r) => r.slug).join(', ') || 'none'})`,
        );
      return t.tenant_id;
    }
    if (rows.length === 1) return rows[0]!.tenant_id;
    if (!rows.length)
      throw new Error(
        'there is no business yet: create one in the admin console or with `regulars demo`',
      );
    throw new Error(
      `several businesses: name one with --tenant (${rows.map((r) => r.slug).join(', ')})`,
    );
  } finally {
    await client.end();
  }
}

function bar(done: number, total: number | null, started: number): string {
  const secs = (Date.now() - started) / 1000;
  const rate = secs > 0 ? done / secs : 0;
  if (!total) return `reading the file… ${done} rows`;
  const frac = Math.min(1, done / total);
  const width = 30;
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  return `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${done}/${total} rows  ${Math.round(rate)} rows/s  ETA ${eta}s`;
}

/**
 * `regulars import FILE [--kind products|purchases]`: the same import as the admin's, run in this
 * process with a progress bar.
 */
export async function commandImport(file: string, opts: Options) {
  const matchBy = ImportMatchBy.safeParse(opts.match);
  if (!matchBy.success)
    throw new Error(`--match must be one of ${ImportMatchBy.options.join(', ')}`);
  const kind = ImportKind.safeParse(opts.kind);
  if (!kind.success) throw new Error(`--kind must be one of ${ImportKind.options.join(', ')}`);
  const bytes = await readFile(file);
  const running = await startRegulars(loadConfig(), { serve: false, work: false });
  const ctx = running.ctx;
  let exitCode = 0;
  try {
    const tenantId = await resolveTenant(ctx, opts.tenant);
    const auth: AuthContext = {
      kind: 'api_key',
      tenantId,
      actor: systemActor('regulars import'),
      permissions: new Set(['members.import', 'settings.maintain', 'members.modify']),
      storeId: null,
      allowedStoreIds: null,
      sessionId: null,
      csrfToken: null,
      language: 'en',
    };
    const up = await uploadImport(ctx, auth, basename(file), bytes, kind.data);
    if (!opts.json) {
      console.error(
        `${up.fileName}: ${up.format}${up.encoding ? ` (${up.encoding})` : ''}, columns:`,
      );
      up.headers.forEach((h, i) =>
        console.error(`  ${h.padEnd(20)} → ${up.mapping[i] ?? '(ignored)'}`),
      );
    }
    await startImport(ctx, auth, up.importId, {
      mapping: up.mapping,
      matchBy: matchBy.data,
      dryRun: !!opts.dryRun,
    });
    const started = Date.now();
    const tty = !opts.json && process.stderr.isTTY;
    let last = '';
    const show = async () => {
      const v = await getImport(ctx, auth, up.importId);
      const line = bar(v.rowsDone, v.totalRows, started);
      if (tty) process.stderr.write(`\r${line}`);
      else if (!opts.json && line !== last) console.error(line);
      last = line;
    };
    const timer = setInterval(() => void show().catch(() => undefined), tty ? 250 : 2000);
    try {
      await runImport(ctx, tenantId, up.importId);
    } finally {
      clearInterval(timer);
    }
    if (!opts.json) await show();
    if (tty) process.stderr.write('\n');
    const v = await getImport(ctx, auth, up.importId);
    let rejectsFile: string | null = null;
    if (v.counts.rejected) {
      rejectsFile = `${file}.rejected.csv`;
      await writeFile(rejectsFile, await rejectsCsv(ctx, auth, up.importId, 'en'));
      exitCode = EXIT_REJECTED;
    }
    const c = v.counts;
    if (opts.json) console.log(JSON.stringify({ ...v, rejectsFile }));
    else {
      const w = v.dryRun ? 'would be ' : '';
      console.log(
        `${v.dryRun ? 'Dry run, nothing saved: ' : ''}${v.totalRows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      console.log(
        `  ${c.created} ${w}created, ${c.updated} ${w}updated, ${c.unchanged} unchanged, ${c.rejected} rejected, ${c.skipped} empty`,
      );
      if (rejectsFile) console.log(`Rejected rows with their reasons: ${rejectsFile}`);
    }
  } catch (err) {
    if (err instanceof AppError)
      throw new Error(errorMessage(err.code as ErrorCode, 'en', err.params), { cause: err });
    throw err;
  } finally {
    await running.stop();
  }
  process.exitCode = exitCode;
}
