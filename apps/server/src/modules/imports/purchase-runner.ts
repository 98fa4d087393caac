import {
  cellText,
  isBlank,
  minorDigits,
  normalizePhone,
  normalizePurchaseRow,
  type Cell,
  type PurchaseLineValues,
  type RowProblem,
} from '@regulars/core';
import type { KindRunner, PreparedRow, RunnerFactory } from './import-run';
import { storesByCode } from './import-run';
import { writePurchaseBatch } from './purchase-batch';

type Order = { first: number; last: number; head: string | null; bad: boolean };

/**
 * Purchases: one row per line; the rows of one order number are one purchase (wherever they
 * are in the file), recorded through the members module's purchase service; an order number
 * already recorded is the same purchase and is not added again. A bad line keeps its whole order
 * out (a purchase without one of its lines would have the wrong total).
 */
export const purchaseRunner: RunnerFactory = async (ctx, tx, _imp, job) => {
  const t = await tx
    .selectFrom('tenants')
    .select(['currency', 'time_zone', 'roc_dates', 'phone_country'])
    .executeTakeFirstOrThrow();
  const rowCtx = {
    digits: minorDigits(t.currency),
    rocDates: t.roc_dates,
    timeZone: t.time_zone,
    stores: await storesByCode(tx),
    phone: (text: string) => {
      const p = normalizePhone(text, t.phone_country);
      return p.ok ? p.phone.e164 : null;
    },
  };
  const orderCol = job.columnOf('orderNo');
  const orderOf = (cells: Cell[]) => {
    const c = cells[orderCol] ?? null;
    return isBlank(c) ? '' : cellText(c);
  };
  const orders = new Map<string, Order>();
  const conflicts = new Map<number, RowProblem>();
  let open: Uint8Array | null = null;
  const runner: KindRunner<PurchaseLineValues> = {
    scan(index, row, cells) {
      const orderNo = orderOf(cells);
      if (!orderNo) return;
      const r = normalizePurchaseRow(cells, job.mapping, rowCtx);
      const o = orders.get(orderNo) ?? { first: index, last: index, head: null, bad: false };
      orders.set(orderNo, o);
      o.last = index;
      if (r.kind !== 'ok') {
        o.bad ||= r.kind === 'rejected';
        return;
      }
      const v = r.values;
      const head = JSON.stringify([v.member, v.occurredAt, v.storeId ?? null]);
      if (o.head === null) o.head = head;
      else if (o.head !== head) {
        o.bad = true;
        conflicts.set(row, { column: orderCol, value: orderNo, reason: 'order.conflict' });
      }
    },
    settle(_index, row, cells): PreparedRow<PurchaseLineValues> {
      const r = normalizePurchaseRow(cells, job.mapping, rowCtx);
      if (r.kind !== 'ok') return { row, ...r };
      const conflict = conflicts.get(row);
      if (conflict) return { row, kind: 'rejected', problems: [conflict] };
      if (orders.get(r.values.orderNo)?.bad)
        return {
          row,
          kind: 'rejected',
          problems: [{ column: orderCol, value: r.values.orderNo, reason: 'order.incomplete' }],
        };
      return { row, kind: 'ok', values: r.values };
    },
    mayCut(index) {
      // After pass 1: the row positions inside an order's span (first ≤ i < last).
      if (!open) {
        let end = 0;
        for (const o of orders.values()) end = Math.max(end, o.last + 1);
        const depth = new Int32Array(end + 1);
        for (const o of orders.values()) {
          depth[o.first]! += 1;
          depth[o.last]! -= 1;
        }
        open = new Uint8Array(end + 1);
        let d = 0;
        for (let i = 0; i <= end; i++) open[i] = (d += depth[i]!) > 0 ? 1 : 0;
      }
      return index >= open.length || !open[index];
    },
    write: (wtx, rows) => writePurchaseBatch(wtx, ctx, job, rows),
    audit: { done: 'purchases.imported', dryRun: 'purchases.import_dry_run' },
  };
  return runner as KindRunner<unknown>;
};
