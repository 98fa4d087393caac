import {
  cellText,
  isBlank,
  normalizeMemberRow,
  normalizePhone,
  toHalfWidth,
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

/**
 * A key as pass 1 compares it: every spelling of one phone number shares its last eight digits
 * (0912-345-678, +886 912 345 678); text with letters (an extension) goes the full way. Other
 * keys as the row normaliser reads them, roughly (lower case). Two rows with different cheap
 * keys never hold the same key; the same cheap key only makes them be checked in full.
 */
function cheapKey(field: string, text: string, country: string): string {
  if (field !== 'phone') return text.replace(/\s/g, '').toLowerCase();
  const half = toHalfWidth(text);
  if (/[^\d\s+()\-.–—/]/.test(half)) {
    const p = normalizePhone(half, country);
    return p.ok ? p.phone.e164.slice(-8) : half;
  }
  return half.replace(/\D/g, '').slice(-8);
}

/** FNV-1a of field and key, in 31 bits (a small integer: no allocation per key). */
function keyHash(field: string, key: string): number {
  let h = 0x811c9dc5;
  const s = `${field}\u0000${key}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

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
  // Pass 1 reads only the key columns, in a cheap form that two spellings of the same key
  // always share (a phone's last eight digits), hashed to a small number: rows whose hash was
  // seen before, and the rows that had it first, are the only ones that can be duplicates; they
  // are read again in full (rescan) and decided exactly, in file order, as before.
  const keyColumns = ROW_KEYS.filter((k) => k !== 'email' || matchBy === 'email')
    .map((k) => [k, job.columnOf(k)] as const)
    .filter(([, col]) => col >= 0);
  const firstOf = new Map<number, number>();
  const involved = new Set<number>();
  const seen = new Set<string>();
  const duplicates = new Map<number, RowProblem>();
  const runner: KindRunner<MemberImportValues> = {
    scan(index, _row, cells) {
      for (const [k, col] of keyColumns) {
        const cell = cells[col] ?? null;
        if (isBlank(cell)) continue;
        const h = keyHash(k, cheapKey(k, cellText(cell), rowCtx.phoneCountry));
        const first = firstOf.get(h);
        if (first === undefined) firstOf.set(h, index);
        else {
          involved.add(first);
          involved.add(index);
        }
      }
    },
    involved: () => involved,
    rescan(_index, row, cells) {
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
