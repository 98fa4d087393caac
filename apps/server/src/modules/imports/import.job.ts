import { IMPORT_REJECT_LABELS, type ImportKind } from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { recordAudit, type Actor } from '../../platform/audit';
import type { BatchResult, ImportJob, KindRunner, PreparedRow, RunnerFactory } from './import-run';
import { memberRunner } from './member-runner';
import { productRunner } from './product-runner';
import { purchaseRunner } from './purchase-runner';
import { storedFile } from './import-files';
import { openFile } from './read-file';

export const IMPORT_QUEUE = 'member-import';
export const BATCH_SIZE = 2000;
const SUPERSEDED = new Error('another run of this import moved ahead');

/** Test hook: called after each committed batch (a test throws here to "kill" the job). */
export type ImportHooks = { afterBatch?: (batch: number) => void; batchSize?: number };

const RUNNERS: Record<ImportKind, RunnerFactory> = {
  members: memberRunner,
  products: productRunner,
  purchases: purchaseRunner,
};

/**
 * Runs one import of any kind: reads the whole file once (the kind finds duplicate rows, or the
 * rows of one order), then writes it in batches. Each batch commits with the import's progress,
 * so a job killed halfway resumes after its last batch, and a job run twice does nothing the
 * second time.
 */
export async function runImport(
  ctx: AppContext,
  tenantId: string,
  importId: string,
  hooks: ImportHooks = {},
): Promise<void> {
  const loaded = await ctx.db.withTenant(tenantId, async (tx) => {
    const imp = await tx
      .selectFrom('imports')
      .selectAll()
      .where('import_id', '=', importId)
      .executeTakeFirst();
    if (!imp || imp.status === 'done' || imp.status === 'uploaded') return null;
    await tx
      .updateTable('imports')
      .set({ status: 'running', error: null, started_at: sql`coalesce(started_at, now())` })
      .where('import_id', '=', importId)
      .execute();
    const mapping = imp.mapping as (string | null)[];
    const actor = imp.actor as Actor & {
      storeId?: string | null;
      allowedStoreIds?: string[] | null;
    };
    const storeId = actor.storeId ?? null;
    const job: ImportJob = {
      tenantId,
      importId,
      kind: imp.kind as ImportKind,
      dryRun: imp.dry_run,
      mapping,
      actor: { type: actor.type, id: actor.id, name: actor.name, requestId: actor.requestId },
      storeId,
      columnOf: (field) => mapping.indexOf(field),
      auth: {
        kind: actor.type === 'api_key' ? 'api_key' : 'staff',
        tenantId,
        actor: { type: actor.type, id: actor.id, name: actor.name, requestId: null },
        permissions: new Set(),
        storeId,
        allowedStoreIds: actor.allowedStoreIds ?? null,
        sessionId: null,
        csrfToken: null,
        language: null,
      },
    };
    const runner = await RUNNERS[job.kind](ctx, tx, imp, job);
    return { imp, job, runner };
  });
  if (!loaded) return;
  const { imp, job, runner } = loaded;
  const headers = imp.headers as string[];
  try {
    const file = await openFile(await storedFile(ctx, tenantId, importId), imp.file_name);
    // Pass 1: count the rows and let the kind look at all of them (deterministic, so a resumed
    // run agrees).
    let total = 0;
    for await (const { row, cells } of file.rows()) runner.scan(++total, row, cells);
    const involved = runner.involved?.();
    if (involved?.size) {
      let i = 0;
      for await (const { row, cells } of file.rows())
        if (involved.has(++i)) runner.rescan!(i, row, cells);
    }
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .updateTable('imports')
        .set({ total_rows: total })
        .where('import_id', '=', importId)
        .execute(),
    );
    // Pass 2: from the first row not yet committed, in batches. While one batch is written (in
    // the database's process), the next is read and checked (in this one).
    let index = 0;
    let batchNo = 0;
    let batch: PreparedRow<unknown>[] = [];
    let batchStart = imp.rows_done;
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      const [rows, start, end] = [batch, batchStart, index];
      batch = [];
      batchStart = index;
      writing = commitBatch(ctx, job, runner, headers, rows, start, end).then((done) => {
        if (!done) throw SUPERSEDED;
        hooks.afterBatch?.(++batchNo);
      });
      writing.catch(() => undefined); // awaited (and thrown) at the next flush or the end
    };
    const size = hooks.batchSize ?? BATCH_SIZE;
    for await (const { row, cells } of file.rows()) {
      index++;
      if (index <= imp.rows_done) continue;
      batch.push(runner.settle(index, row, cells));
      if (batch.length >= size && (runner.mayCut?.(index) ?? true)) await flush();
    }
    if (batch.length) await flush();
    await writing;
    await finish(ctx, job, runner, imp.file_name, imp.match_by);
  } catch (err) {
    if (err === SUPERSEDED) return; // another run of this import is ahead and will finish it
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .updateTable('imports')
        .set({ status: 'failed', error: (err as { code?: string }).code ?? 'internal' })
        .where('import_id', '=', importId)
        .execute(),
    );
    throw err;
  }
}

/** The name the member import had; every kind runs through runImport. */
export const runMemberImport = runImport;

/** One batch and the progress it makes, in one transaction; false if the progress moved on. */
async function commitBatch(
  ctx: AppContext,
  job: ImportJob,
  runner: KindRunner<unknown>,
  headers: string[],
  rows: PreparedRow<unknown>[],
  start: number,
  end: number,
): Promise<boolean> {
  return ctx.db.withTenant(job.tenantId, async (tx) => {
    const imp = await tx
      .selectFrom('imports')
      .select('rows_done')
      .where('import_id', '=', job.importId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (imp.rows_done !== start) return false;
    const r: BatchResult = await runner.write(tx, rows);
    const rejects = r.rejects.flatMap(({ row, problems }) =>
      problems.map((p, seq) => ({
        row_number: row,
        seq,
        column_name: p.column >= 0 ? (headers[p.column] ?? `#${p.column + 1}`) : '',
        value: p.value.slice(0, 500),
        reason: p.reason in IMPORT_REJECT_LABELS ? p.reason : 'value.not_text',
      })),
    );
    if (rejects.length)
      await sql`INSERT INTO import_rejects (tenant_id, import_id, row_number, seq, column_name, value, reason)
        SELECT ${job.tenantId}, ${job.importId}, x.row_number, x.seq, x.column_name, x.value, x.reason
        FROM jsonb_to_recordset(${JSON.stringify(rejects)}::jsonb)
          AS x(row_number int, seq int, column_name text, value text, reason text)
        ON CONFLICT DO NOTHING`.execute(tx);
    await tx
      .updateTable('imports')
      .set((eb) => ({
        rows_done: end,
        created: eb('created', '+', r.created),
        updated: eb('updated', '+', r.updated),
        unchanged: eb('unchanged', '+', r.unchanged),
        rejected: eb('rejected', '+', r.rejects.length),
        skipped: eb('skipped', '+', r.skipped),
      }))
      .where('import_id', '=', job.importId)
      .execute();
    return true;
  });
}

/** Marks the import done and audits it once, with its counts (never the rows' personal data). */
async function finish(
  ctx: AppContext,
  job: ImportJob,
  runner: KindRunner<unknown>,
  fileName: string,
  matchBy: string | null,
): Promise<void> {
  await ctx.db.withTenant(job.tenantId, async (tx) => {
    const imp = await tx
      .selectFrom('imports')
      .selectAll()
      .where('import_id', '=', job.importId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (imp.status === 'done') return;
    await tx
      .updateTable('imports')
      .set({ status: 'done', finished_at: ctx.clock.now() })
      .where('import_id', '=', job.importId)
      .execute();
    await recordAudit(tx, job.tenantId, job.actor, {
      action: job.dryRun ? runner.audit.dryRun : runner.audit.done,
      entityType: 'import',
      entityId: job.importId,
      after: {
        fileName,
        kind: job.kind,
        matchBy,
        rows: imp.total_rows,
        created: imp.created,
        updated: imp.updated,
        unchanged: imp.unchanged,
        rejected: imp.rejected,
        skipped: imp.skipped,
      },
    });
  });
}
