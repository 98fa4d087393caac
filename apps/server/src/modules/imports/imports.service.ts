import { createHash, randomUUID } from 'node:crypto';
import {
  cellText,
  MEMBER_IMPORT_FIELDS,
  MULTI_COLUMN_FIELDS,
  suggestMapping,
} from '@regulars/core';
import {
  PRODUCT_IMPORT_FIELDS,
  PURCHASE_IMPORT_FIELDS,
  type ImportKind,
  type ImportStart,
  type ImportView,
} from '@regulars/contracts';
import type { ImportsTable } from '@regulars/db';
import type { Selectable } from 'kysely';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { IMPORT_QUEUE } from './import.job';
import { inMemory, openFile } from './read-file';

type ImportRow = Selectable<ImportsTable>;

export function toImportView(r: ImportRow): ImportView {
  return {
    importId: r.import_id,
    kind: r.kind as ImportView['kind'],
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

/** What importing each kind writes needs, beyond the import permission: what its API needs. */
const KIND_PERMISSION = { products: 'settings.maintain', purchases: 'members.modify' } as const;
function assertMayImport(auth: AuthContext, kind: ImportKind) {
  if (kind === 'members') return;
  const permission = KIND_PERMISSION[kind];
  if (!auth.permissions.has(permission)) throw new AppError('permission.denied', { permission });
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
  kind: ImportKind = 'members',
) {
  assertMayImport(auth, kind);
  if (!bytes.length) throw new AppError('import.empty_file', { name: fileName });
  const file = await openFile(inMemory(bytes), fileName);
  const sample: string[][] = [];
  for await (const r of file.rows()) {
    sample.push(r.cells.map(cellText));
    if (sample.length >= 5) break;
  }
  if (!file.headers.length || !sample.length)
    throw new AppError('import.empty_file', { name: fileName });
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const custom =
      kind === 'members'
        ? await tx
            .selectFrom('custom_fields')
            .select(['field_key', 'label'])
            .where('active', '=', true)
            .execute()
        : [];
    const mapping = suggestMapping(
      file.headers,
      custom.map((c) => ({ key: c.field_key, label: c.label as Record<string, string> })),
      kind,
    );
    const importId = randomUUID();
    const row = await tx
      .insertInto('imports')
      .values({
        tenant_id: auth.tenantId,
        import_id: importId,
        kind,
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

/** Fields each kind can map, and the groups of fields of which a file needs at least one. */
const KIND_FIELDS: Record<Exclude<ImportKind, 'members'>, readonly string[]> = {
  products: PRODUCT_IMPORT_FIELDS,
  purchases: PURCHASE_IMPORT_FIELDS,
};
const NEEDED: Record<Exclude<ImportKind, 'members'>, string[][]> = {
  products: [['sku']],
  purchases: [
    ['orderNo'],
    ['memberPhone', 'memberCard', 'memberExternalId'],
    ['date'],
    ['sku', 'productName'],
    ['unitPrice', 'amount'],
  ],
};

function checkMapping(
  kind: ImportKind,
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
      kind === 'members'
        ? (MEMBER_IMPORT_FIELDS as readonly string[]).includes(f) ||
          (f.startsWith('custom.') && customKeys.has(f.slice(7)))
        : KIND_FIELDS[kind].includes(f);
    if (!known) fail(`column ${i + 1} ("${headers[i]}"): no field "${f}"`);
    if (used.has(f) && !(kind !== 'purchases' && MULTI_COLUMN_FIELDS.includes(f)))
      fail(`"${f}" is mapped to more than one column`);
    used.add(f);
  });
  if (kind === 'members') {
    if (!used.has(KEY_FIELD[matchBy]))
      fail(`matching by ${matchBy} needs a column mapped to "${KEY_FIELD[matchBy]}"`);
    return;
  }
  for (const group of NEEDED[kind])
    if (!group.some((f) => used.has(f)))
      fail(`a column must be mapped to ${group.map((f) => `"${f}"`).join(' or ')}`);
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
    const kind = imp.kind as ImportKind;
    assertMayImport(auth, kind);
    checkMapping(
      kind,
      body.mapping,
      headers,
      body.matchBy,
      new Set(custom.map((c) => c.field_key)),
    );
    const mapping = headers.map((_, i) => body.mapping[i] ?? null);
    await tx.deleteFrom('import_rejects').where('import_id', '=', importId).execute();
    const row = await tx
      .updateTable('imports')
      .set({
        mapping: JSON.stringify(mapping),
        match_by: kind === 'members' ? body.matchBy : null,
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
        actor: JSON.stringify({
          ...auth.actor,
          storeId: auth.storeId,
          allowedStoreIds: auth.allowedStoreIds,
        }),
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
