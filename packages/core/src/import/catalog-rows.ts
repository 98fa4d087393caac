import type { Cell } from './cells';
import { parseDateTime, parseMoney, parseQuantity } from './amounts';
import type { RowProblem } from './reasons';
import { readMappedCells, type CellRules } from './row-cells';
import { boolOf } from './values';

export type RowResult<V> =
  { kind: 'empty' } | { kind: 'ok'; values: V } | { kind: 'rejected'; problems: RowProblem[] };

/** What a row says about a product; a field left undefined was not in the row (kept on update). */
export type ProductImportValues = {
  sku: string;
  name?: string;
  priceMinor?: number;
  /** Category names from the root down ("火鍋料/丸類" → ['火鍋料', '丸類']). */
  category?: string[];
  tags: string[];
  active?: boolean;
};

const PRODUCT_RULES: CellRules = { limits: { sku: 64, name: 200, category: 400 } };
const splitList = (s: string) => [
  ...new Set(
    s
      .split(/[,;、，；|]/)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

const finish = <V>(any: boolean, problems: RowProblem[], v: V): RowResult<V> =>
  !any && !problems.length
    ? { kind: 'empty' }
    : problems.length
      ? { kind: 'rejected', problems }
      : { kind: 'ok', values: v };

/** Normalises one row of a product import: SKU, name, price in minor units, category path, tags. */
export function normalizeProductRow(
  cells: readonly Cell[],
  mapping: readonly (string | null)[],
  ctx: { digits: number },
): RowResult<ProductImportValues> {
  const problems: RowProblem[] = [];
  const v: Partial<ProductImportValues> & { tags: string[] } = { tags: [] };
  const any = readMappedCells(cells, mapping, PRODUCT_RULES, problems, (c) => {
    switch (c.field) {
      case 'sku':
        return void (v.sku = c.text.replace(/\s/g, ''));
      case 'name':
        return void (v.name = c.text);
      case 'price': {
        const m = parseMoney(c.cell, ctx.digits);
        return m === null ? c.fail('money.invalid') : void (v.priceMinor = m);
      }
      case 'category': {
        const path = c.text.split(/\s*[/>＞›»]\s*/).filter(Boolean);
        if (path.some((p) => p.length > 80) || path.length > 8) return c.fail('value.too_long');
        return void (v.category = path);
      }
      case 'tags':
        for (const t of splitList(c.text)) {
          if (t.length > 40) return c.fail('value.too_long');
          if (!v.tags.includes(t)) v.tags.push(t);
        }
        return v.tags.length > 50 ? c.fail('tags.too_many') : undefined;
      case 'active': {
        const b = boolOf(c.text);
        return b === null ? c.fail('value.not_boolean') : void (v.active = b);
      }
    }
  });
  if (any && !problems.length && !v.sku)
    problems.push({ column: mapping.indexOf('sku'), value: '', reason: 'key.missing' });
  return finish(any, problems, v as ProductImportValues);
}

/** What one row (one line) of a purchase file says. */
export type PurchaseLineValues = {
  orderNo: string;
  member: { phone?: string; card?: string; externalId?: string };
  occurredAt?: string;
  storeId?: string;
  sku?: string;
  name?: string;
  quantity: number;
  unitPriceMinor?: number;
  amountMinor?: number;
};

export type PurchaseRowContext = {
  digits: number;
  rocDates: boolean;
  timeZone: string;
  /** Store id by code or name, lower case. */
  stores: Map<string, string>;
  /** The phone as stored (E.164), or null if it is not a phone number. */
  phone(text: string): string | null;
};

const PURCHASE_RULES: CellRules = {
  limits: { orderNo: 100, memberCard: 40, memberExternalId: 100, sku: 64, productName: 200 },
  signed: ['memberPhone'],
};

/** Normalises one line of a purchase import: order, member keys, time, store, product, amounts. */
export function normalizePurchaseRow(
  cells: readonly Cell[],
  mapping: readonly (string | null)[],
  ctx: PurchaseRowContext,
): RowResult<PurchaseLineValues> {
  const problems: RowProblem[] = [];
  const v: Partial<PurchaseLineValues> & { member: PurchaseLineValues['member'] } = { member: {} };
  const any = readMappedCells(cells, mapping, PURCHASE_RULES, problems, (c) => {
    switch (c.field) {
      case 'orderNo':
        return void (v.orderNo = c.text);
      case 'memberPhone': {
        const p = ctx.phone(c.text);
        return p ? void (v.member.phone = p) : c.fail('phone.invalid');
      }
      case 'memberCard':
        return void (v.member.card = c.text.replace(/\s/g, ''));
      case 'memberExternalId':
        return void (v.member.externalId = c.text);
      case 'date': {
        const at = parseDateTime(c.cell, ctx);
        return at ? void (v.occurredAt = at.toISOString()) : c.fail('date.invalid');
      }
      case 'store': {
        const id = ctx.stores.get(c.text.toLowerCase());
        return id ? void (v.storeId = id) : c.fail('store.unknown');
      }
      case 'sku':
        return void (v.sku = c.text.replace(/\s/g, ''));
      case 'productName':
        return void (v.name = c.text);
      case 'quantity': {
        const q = parseQuantity(c.cell);
        return q === null ? c.fail('quantity.invalid') : void (v.quantity = q);
      }
      case 'unitPrice':
      case 'amount': {
        const m = parseMoney(c.cell, ctx.digits);
        if (m === null) return c.fail('money.invalid');
        return void (c.field === 'amount' ? (v.amountMinor = m) : (v.unitPriceMinor = m));
      }
    }
  });
  if (any && !problems.length) {
    const missing = (field: string, reason: RowProblem['reason']) =>
      problems.push({ column: mapping.indexOf(field), value: '', reason });
    if (!v.orderNo) missing('orderNo', 'key.missing');
    if (!v.member.phone && !v.member.card && !v.member.externalId)
      missing(mapping.includes('memberPhone') ? 'memberPhone' : 'memberCard', 'member.missing');
    if (!v.occurredAt) missing('date', 'value.required');
    if (!v.sku && !v.name) missing('sku', 'value.required');
    if (v.unitPriceMinor === undefined && v.amountMinor === undefined)
      missing('unitPrice', 'value.required');
  }
  v.quantity ??= 1;
  return finish(any, problems, v as PurchaseLineValues);
}
