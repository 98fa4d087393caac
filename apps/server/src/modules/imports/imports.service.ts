import { createHash, randomUUID } from 'node:crypto';
import {
  cellText,
  MEMBER_IMPORT_FIELDS,
  MULTI_COLUMN_FIELDS,
  suggestMapping,
} from '@regulars/core';
import type { ImportStart, ImportView } from '@regulars/contracts';
import type { ImportsTable } from '@regulars/db';
import type { Selectable } from 'kysely';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { IMPORT_QUEUE } from './member-import.job';
import { openFile } from './read-file';

type ImportRow = Selectable<ImportsTable>;

export function toImportView(r: ImportRow): ImportView {
  return {
    importId: r.import_id,
    kind: 'members',
    fileName: r.file_name,
    format: r.format as ImportView['format'],
    encoding: r.encoding,
    fileSize: r.file_size,
    headers: r.headers as string[],
    mapping: (r.mapping ?? []) as (string | null)[],
    matchBy: r.match_by as ImportView['matchBy'],
    dryRun: r.dry_run,
    status: r.status as ImportView['status'],
    totalRows: r.total_rows,
    rowsDone: r.rows_done,
    progress: r.total_rows ? Math.min(1, r.rows_done / r.total_rows) : r.status === 'done' ? 1 : 0,
    counts: {
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejected,
      skipped: r.skipped,
    },
    error: r.error,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/**
 * Keeps an uploaded file (in the database, so any worker can read it), reads its header row and
 * first rows, and suggests which field each column holds.
 */
export async function uploadImport(
  ctx: AppContext,
  auth: AuthContext,
  fileName: string,
  bytes: Buffer,
) {
  if (!bytes.length) throw new AppError('import.empty_file', { name: fileName });
  const file = await openFile(bytes, fileName);
  const sample: string[][] = [];
  for await (const r of file.rows()) {
    sample.push(r.cells.map(cellText));
    if (sample.length >= 5) break;
  }
  if (!file.headers.length || !sample.length)
    throw new AppError('import.empty_file', { name: fileName });
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const custom = await tx
      .selectFrom('custom_fields')
      .select(['field_key', 'label'])
      .where('active', '=', true)
      .execute();
    const mapping = suggestMapping(
      file.headers,
      custom.map((c) => ({ key: c.field_key, label: c.label as Record<string, string> })),
    );
    const importId = randomUUID();
    const row = await tx
      .insertInto('imports')
      .values({
        tenant_id: auth.tenantId,
        import_id: importId,
        file_name: fileName,
        format: file.format,
        encoding: file.encoding,
        file_size: bytes.length,
        file_sha256: createHash('sha256').update(bytes).digest('hex'),
        headers: JSON.stringify(file.headers),
        mapping: JSON.stringify(mapping),
        actor: JSON.stringify({ ...auth.actor, storeId: auth.storeId }),
        created_at: ctx.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('import_files')
      .values({ tenant_id: auth.tenantId, import_id: importId, bytes })
      .execute();
    return { ...toImportView(row), sample };
  });
}

const KEY_FIELD = {
  phone: 'phone',
  email: 'email',
  card: 'cardNumber',
  external_id: 'externalId',
} as const;

function checkMapping(
  mapping: (string | null)[],
  headers: string[],
  matchBy: ImportStart['matchBy'],
  customKeys: Set<string>,
) {
  const fail = (detail: string) => {
    throw new AppError('import.mapping_invalid', { detail }, { field: 'mapping' });
  };
  if (mapping.length > headers.length)
    fail(`the file has ${headers.length} columns, the mapping ${mapping.length}`);
  const used = new Set<string>();
  mapping.forEach((f, i) => {
    if (!f) return;
    const known =
      (MEMBER_IMPORT_FIELDS as readonly string[]).includes(f) ||
      (f.startsWith('custom.') && customKeys.has(f.slice(7)));
    if (!known) fail(`column ${i + 1} ("${headers[i]}"): no field "${f}"`);
    if (used.has(f) && !MULTI_COLUMN_FIELDS.includes(f))
      fail(`"${f}" is mapped to more than one column`);
    used.add(f);
  });
  if (!used.has(KEY_FIELD[matchBy]))
    fail(`matching by ${matchBy} needs a column mapped to "${KEY_FIELD[matchBy]}"`);
}

/** Confirms the mapping and options and queues the job (again, after a dry run or a failure). */
export async function startImport(
  ctx: AppContext,
  auth: AuthContext,
  importId: string,
  body: ImportStart,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const imp = await tx
      .selectFrom('imports')
      .selectAll()
      .where('import_id', '=', importId)
      .forUpdate()
      .executeTakeFirst();
    if (!imp) throw notFound('import');
    const again = imp.status === 'failed' || (imp.status === 'done' && imp.dry_run);
    if (imp.status !== 'uploaded' && !again)
      throw new AppError('import.not_startable', { status: imp.status });
    const custom = await tx
      .selectFrom('custom_fields')
      .select('field_key')
      .where('active', '=', true)
      .execute();
    const headers = imp.headers as string[];
    checkMapping(body.mapping, headers, body.matchBy, new Set(custom.map((c) => c.field_key)));
    const mapping = headers.map((_, i) => body.mapping[i] ?? null);
    await tx.deleteFrom('import_rejects').where('import_id', '=', importId).execute();
    const row = await tx
      .updateTable('imports')
      .set({
        mapping: JSON.stringify(mapping),
        match_by: body.matchBy,
        dry_run: body.dryRun,
        status: 'queued',
        total_rows: null,
        rows_done: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        skipped: 0,
        error: null,
        actor: JSON.stringify({ ...auth.actor, storeId: auth.storeId }),
        started_at: null,
        finished_at: null,
      })
      .where('import_id', '=', importId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.jobs.enqueue(
      tx,
      IMPORT_QUEUE,
      { tenantId: auth.tenantId, importId },
      { expireInSeconds: 6 * 3600 },
    );
    return toImportView(row);
  });
}

export async function getImport(ctx: AppContext, auth: AuthContext, importId: string) {
  const row = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.selectFrom('imports').selectAll().where('import_id', '=', importId).executeTakeFirst(),
  );
  if (!row) throw notFound('import');
  return toImportView(row);
}

export async function listImports(ctx: AppContext, auth: AuthContext) {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.selectFrom('imports').selectAll().orderBy('created_at', 'desc').limit(50).execute(),
  );
  return rows.map(toImportView);
}
