import {
  normalizeMemberRow,
  type CustomFieldDef,
  type MemberRowContext,
  type RowProblem,
} from '@regulars/core';
import { IMPORT_REJECT_LABELS, type ImportMatchBy } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { recordAudit, type Actor } from '../../platform/audit';
import { writeMemberBatch, type BatchJob, type PreparedRow } from './member-batch';
import { openFile } from './read-file';

export const IMPORT_QUEUE = 'member-import';
export const BATCH_SIZE = 500;
const SUPERSEDED = new Error('another run of this import moved ahead');

/** Test hook: called after each committed batch (a test throws here to "kill" the job). */
export type ImportHooks = { afterBatch?: (batch: number) => void; batchSize?: number };

/** Keys that identify one member: a second row with any of them is a duplicate in the file. */
const ROW_KEYS = ['phone', 'externalId', 'cardNumber', 'email'] as const;

async function loadContext(tx: Tx): Promise<{ row: MemberRowContext; defs: CustomFieldDef[] }> {
  const t = await tx
    .selectFrom('tenants')
    .select(['phone_country', 'roc_dates'])
    .executeTakeFirstOrThrow();
  const fields = await tx.selectFrom('custom_fields').selectAll().execute();
  const defs = fields.map((d) => ({
    key: d.field_key,
    type: d.type as CustomFieldDef['type'],
    options: d.options as { value: string }[],
    required: d.required,
    active: d.active,
  }));
  const stores = await tx.selectFrom('stores').select(['store_id', 'code', 'name']).execute();
  const byCode = new Map<string, string>();
  for (const s of stores) byCode.set(s.name.toLowerCase(), s.store_id);
  for (const s of stores) byCode.set(s.code.toLowerCase(), s.store_id);
  return {
    row: { phoneCountry: t.phone_country, rocDates: t.roc_dates, customDefs: defs, stores: byCode },
    defs,
  };
}

/**
 * Runs one import: reads the whole file once to find duplicate rows (the first occurrence of a
 * member wins), then writes it in batches. Each batch commits with the import's progress, so a
 * job killed halfway resumes after its last batch, and a job run twice does nothing the second
 * time.
 */
export async function runMemberImport(
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
    const file = await tx
      .selectFrom('import_files')
      .select('bytes')
      .where('import_id', '=', importId)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('imports')
      .set({ status: 'running', error: null, started_at: sql`coalesce(started_at, now())` })
      .where('import_id', '=', importId)
      .execute();
    return { imp, bytes: file.bytes, ...(await loadContext(tx)) };
  });
  if (!loaded) return;
  const { imp, bytes, row: rowCtx, defs } = loaded;
  const mapping = imp.mapping as (string | null)[];
  const headers = imp.headers as string[];
  const matchBy = imp.match_by as ImportMatchBy;
  const actor = imp.actor as Actor & { storeId?: string | null };
  const columnOf = (field: string) => mapping.indexOf(field);
  const job: BatchJob = {
    tenantId,
    importId,
    matchBy,
    dryRun: imp.dry_run,
    actorId: actor.id ?? null,
    storeId: actor.storeId ?? null,
    defs,
    columnOf,
  };
  try {
    const file = await openFile(bytes, imp.file_name);
    const prepare = (row: number, cells: Parameters<typeof normalizeMemberRow>[0]): PreparedRow => {
      const r = normalizeMemberRow(cells, mapping, rowCtx);
      return r.kind === 'ok'
        ? { row, kind: 'ok', values: r.values }
        : r.kind === 'empty'
          ? { row, kind: 'empty' }
          : { row, kind: 'rejected', problems: r.problems };
    };
    // Pass 1: count the rows and find the duplicates (deterministic, so a resumed run agrees).
    const seen = new Set<string>();
    const duplicates = new Map<number, RowProblem>();
    let total = 0;
    for await (const { row, cells } of file.rows()) {
      total++;
      const p = prepare(row, cells);
      if (p.kind !== 'ok') continue;
      const keys = ROW_KEYS.filter((k) => (k !== 'email' || matchBy === 'email') && p.values[k]);
      const dup = keys.find((k) => seen.has(`${k}:${p.values[k]}`));
      if (dup)
        duplicates.set(row, {
          column: columnOf(dup),
          value: String(p.values[dup]),
          reason: 'row.duplicate',
        });
      else for (const k of keys) seen.add(`${k}:${p.values[k]}`);
    }
    await ctx.db.withTenant(tenantId, (tx) =>
      tx
        .updateTable('imports')
        .set({ total_rows: total })
        .where('import_id', '=', importId)
        .execute(),
    );
    // Pass 2: from the first row not yet committed, in batches.
    let index = 0;
    let batchNo = 0;
    let batch: PreparedRow[] = [];
    const flush = async () => {
      const start = index - batch.length;
      const done = await commitBatch(ctx, job, headers, batch, start, index);
      batch = [];
      if (!done) throw SUPERSEDED;
      hooks.afterBatch?.(++batchNo);
    };
    for await (const { row, cells } of file.rows()) {
      index++;
      if (index <= imp.rows_done) continue;
      const dup = duplicates.get(row);
      batch.push(dup ? { row, kind: 'rejected', problems: [dup] } : prepare(row, cells));
      if (batch.length >= (hooks.batchSize ?? BATCH_SIZE)) await flush();
    }
    if (batch.length) await flush();
    await finish(ctx, job, actor, imp.file_name);
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

/** One batch and the progress it makes, in one transaction; false if the progress moved on. */
async function commitBatch(
  ctx: AppContext,
  job: BatchJob,
  headers: string[],
  rows: PreparedRow[],
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
    const r = await writeMemberBatch(tx, ctx, job, rows);
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
  job: BatchJob,
  actor: Actor,
  fileName: string,
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
    await recordAudit(tx, job.tenantId, actor, {
      action: job.dryRun ? 'members.import_dry_run' : 'members.imported',
      entityType: 'import',
      entityId: job.importId,
      after: {
        fileName,
        matchBy: job.matchBy,
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
