import {
  normalizeMemberRow,
  type Cell,
  type CustomFieldDef,
  type MemberImportValues,
  type MemberRowContext,
  type RowProblem,
} from '@regulars/core';
import type { ImportMatchBy } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { storesByCode, type KindRunner, type RunnerFactory } from './import-run';
import { writeMemberBatch, type BatchJob, type PreparedMember } from './member-batch';

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
  return {
    row: {
      phoneCountry: t.phone_country,
      rocDates: t.roc_dates,
      customDefs: defs,
      stores: await storesByCode(tx),
    },
    defs,
  };
}

/**
 * Members: upserted by phone, email, card number or external id; the first row of a member in
 * the file wins, later rows with any of its keys are duplicates.
 */
export const memberRunner: RunnerFactory = async (ctx: AppContext, tx, imp, job) => {
  const { row: rowCtx, defs } = await loadContext(tx);
  const matchBy = imp.match_by as ImportMatchBy;
  const batchJob: BatchJob = {
    tenantId: job.tenantId,
    importId: job.importId,
    matchBy,
    dryRun: job.dryRun,
    actorId: job.actor.id,
    storeId: job.storeId,
    defs,
    columnOf: job.columnOf,
  };
  const prepare = (row: number, cells: Cell[]): PreparedMember => {
    const r = normalizeMemberRow(cells, job.mapping, rowCtx);
    return r.kind === 'ok'
      ? { row, kind: 'ok', values: r.values }
      : r.kind === 'empty'
        ? { row, kind: 'empty' }
        : { row, kind: 'rejected', problems: r.problems };
  };
  const seen = new Set<string>();
  const duplicates = new Map<number, RowProblem>();
  const runner: KindRunner<MemberImportValues> = {
    scan(_index, row, cells) {
      const p = prepare(row, cells);
      if (p.kind !== 'ok') return;
      const keys = ROW_KEYS.filter((k) => (k !== 'email' || matchBy === 'email') && p.values[k]);
      const dup = keys.find((k) => seen.has(`${k}:${p.values[k]}`));
      if (dup)
        duplicates.set(row, {
          column: job.columnOf(dup),
          value: String(p.values[dup]),
          reason: 'row.duplicate',
        });
      else for (const k of keys) seen.add(`${k}:${p.values[k]}`);
    },
    settle(_index, row, cells) {
      const dup = duplicates.get(row);
      return dup ? { row, kind: 'rejected', problems: [dup] } : prepare(row, cells);
    },
    write: (wtx, rows) => writeMemberBatch(wtx, ctx, batchJob, rows as PreparedMember[]),
    audit: { done: 'members.imported', dryRun: 'members.import_dry_run' },
  };
  return runner as KindRunner<unknown>;
};
