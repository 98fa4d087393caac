import type { Cell, RowProblem } from '@regulars/core';
import type { ImportKind } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { ImportsTable } from '@regulars/db';
import type { Selectable } from 'kysely';
import type { AppContext, AuthContext } from '../../http/context';
import type { Actor } from '../../platform/audit';

/** A row of the file after normalisation: values to save, problems, or nothing (empty row). */
export type PreparedRow<V> =
  | { row: number; kind: 'ok'; values: V }
  | { row: number; kind: 'rejected'; problems: RowProblem[] }
  | { row: number; kind: 'empty' };

export type BatchResult = {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rejects: { row: number; problems: RowProblem[] }[];
};

export const emptyResult = (): BatchResult => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  rejects: [],
});

/** One run of one import, as every kind's runner gets it. */
export type ImportJob = {
  tenantId: string;
  importId: string;
  kind: ImportKind;
  dryRun: boolean;
  mapping: (string | null)[];
  actor: Actor;
  storeId: string | null;
  /** The column that holds a field (for naming the column of a problem), or -1. */
  columnOf: (field: string) => number;
  /** Who the services of other modules act for: the staff member (or key) who started it. */
  auth: AuthContext;
};

/**
 * What makes one kind of import (members, products, purchases): the generic job reads the file
 * twice — a first pass over every row (`scan`: duplicates, orders spanning several rows), then
 * batches (`settle` → `write`) that commit with the import's progress.
 */
export type KindRunner<V> = {
  /** Pass 1, every data row in file order (index counts from 1). */
  scan(index: number, row: number, cells: Cell[]): void;
  /**
   * Rows (by index) that pass 1 could not settle from their keys alone: read once more, in file
   * order, through `rescan`, before pass 2. Null or empty: no such pass.
   */
  involved?(): Set<number> | null;
  rescan?(index: number, row: number, cells: Cell[]): void;
  /** Pass 2: the row as its batch gets it (a row found wanting in pass 1 becomes a reject). */
  settle(index: number, row: number, cells: Cell[]): PreparedRow<V>;
  /** Whether a batch may end after this row (the lines of one order stay in one batch). */
  mayCut?(index: number): boolean;
  /** Decides and writes one batch; the caller's transaction holds the import's progress. */
  write(tx: Tx, rows: PreparedRow<V>[]): Promise<BatchResult>;
  /** Audit actions of a finished import and of a finished dry run. */
  audit: { done: string; dryRun: string };
};

export type RunnerFactory = (
  ctx: AppContext,
  tx: Tx,
  imp: Selectable<ImportsTable>,
  job: ImportJob,
) => Promise<KindRunner<unknown>>;

/** Store id by code or by name, lower case (what store columns hold). */
export async function storesByCode(tx: Tx): Promise<Map<string, string>> {
  const stores = await tx.selectFrom('stores').select(['store_id', 'code', 'name']).execute();
  const byCode = new Map<string, string>();
  for (const s of stores) byCode.set(s.name.toLowerCase(), s.store_id);
  for (const s of stores) byCode.set(s.code.toLowerCase(), s.store_id);
  return byCode;
}
