import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../phone';
import {
  normalizeProductRow,
  normalizePurchaseRow,
  parseDateTime,
  parseMoney,
  suggestMapping,
  type PurchaseRowContext,
} from './index';

describe('money, quantities and times', () => {
  it('read prices as sheets write them, in minor units', () => {
    expect(parseMoney('120', 2)).toBe(12000);
    expect(parseMoney('NT$ 1,280.50', 2)).toBe(128050);
    expect(parseMoney('８８元', 2)).toBe(8800);
    expect(parseMoney(99.9, 2)).toBe(9990);
    expect(parseMoney('1200', 0)).toBe(1200);
    for (const bad of ['-5', 'abc', '1.234', '12,34', ''])
      expect(parseMoney(bad, 2), bad).toBeNull();
  });
  it('read dates with times in the business time zone', () => {
    const opts = { rocDates: true, timeZone: 'Asia/Taipei' };
    expect(parseDateTime('2024/5/12 14:30', opts)?.toISOString()).toBe('2024-05-12T06:30:00.000Z');
    expect(parseDateTime('113/05/12', opts)?.toISOString()).toBe('2024-05-11T16:00:00.000Z');
    expect(parseDateTime(45424.5, opts)?.toISOString()).toBe('2024-05-12T04:00:00.000Z');
    expect(parseDateTime('2024/5/12 25:00', opts)).toBeNull();
    expect(
      parseDateTime('2024-03-10 12:00', {
        rocDates: false,
        timeZone: 'America/New_York',
      })?.toISOString(),
    ).toBe('2024-03-10T16:00:00.000Z');
  });
});

describe('mapping suggestions for products and purchases', () => {
  it('recognise headers in three languages', () => {
    expect(
      suggestMapping(['貨號', '商品名稱', '售价', '分類', 'Tags', '備註'], [], 'products'),
    ).toEqual(['sku', 'name', 'price', 'category', 'tags', null]);
    expect(
      suggestMapping(
        ['單號', '會員卡號', 'Date', '門市', 'SKU', 'Qty', 'Unit price', '金額'],
        [],
        'purchases',
      ),
    ).toEqual(['orderNo', 'memberCard', 'date', 'store', 'sku', 'quantity', 'unitPrice', 'amount']);
    expect(suggestMapping(['Order no', '手機', '日期', '品名'], [], 'purchases')).toEqual([
      'orderNo',
      'memberPhone',
      'date',
      'productName',
    ]);
  });
});

describe('product rows', () => {
  const mapping = ['sku', 'name', 'price', 'category', 'tags'];
  it('normalise SKU, price, category path and tags', () => {
    expect(
      normalizeProductRow(
        ['Ａ－００１ ', '麻辣鍋底', '1,280', '鍋底 / 麻辣', '辣、招牌'],
        mapping,
        {
          digits: 2,
        },
      ),
    ).toEqual({
      kind: 'ok',
      values: {
        sku: 'A-001',
        name: '麻辣鍋底',
        priceMinor: 128000,
        category: ['鍋底', '麻辣'],
        tags: ['辣', '招牌'],
      },
    });
  });
  it('report each problem with its column', () => {
    const r = normalizeProductRow(['', '=HYPERLINK("x")', 'free', '', ''], mapping, { digits: 2 });
    expect(r.kind === 'rejected' && r.problems.map((p) => [p.column, p.reason])).toEqual([
      [1, 'value.formula'],
      [2, 'money.invalid'],
    ]);
    const noSku = normalizeProductRow(['', '鍋底'], mapping, { digits: 2 });
    expect(noSku.kind === 'rejected' && noSku.problems[0]).toMatchObject({
      column: 0,
      reason: 'key.missing',
    });
  });
});

describe('purchase rows', () => {
  const ctx: PurchaseRowContext = {
    digits: 2,
    rocDates: false,
    timeZone: 'Asia/Taipei',
    stores: new Map([['a', 'store-a']]),
    phone: (t) => {
      const p = normalizePhone(t, 'TW');
      return p.ok ? p.phone.e164 : null;
    },
  };
  const mapping = ['orderNo', 'memberPhone', 'date', 'store', 'sku', 'quantity', 'unitPrice'];
  it('normalise one line', () => {
    expect(
      normalizePurchaseRow(
        ['S-1', '0912-345-678', '2024/5/12 19:05', 'A', 'P1', '2', '150'],
        mapping,
        ctx,
      ),
    ).toEqual({
      kind: 'ok',
      values: {
        orderNo: 'S-1',
        member: { phone: '+886912345678' },
        occurredAt: '2024-05-12T11:05:00.000Z',
        storeId: 'store-a',
        sku: 'P1',
        quantity: 2,
        unitPriceMinor: 15000,
      },
    });
  });
  it('report bad values and what is missing', () => {
    const r = normalizePurchaseRow(['S-2', '123', 'someday', 'Z', 'P1', '0', 'x'], mapping, ctx);
    expect(r.kind === 'rejected' && r.problems.map((p) => [p.column, p.reason])).toEqual([
      [1, 'phone.invalid'],
      [2, 'date.invalid'],
      [3, 'store.unknown'],
      [5, 'quantity.invalid'],
      [6, 'money.invalid'],
    ]);
    const missing = normalizePurchaseRow(['', '', '2024-01-01', '', 'P1', '', '10'], mapping, ctx);
    expect(missing.kind === 'rejected' && missing.problems.map((p) => p.reason)).toEqual([
      'key.missing',
      'member.missing',
    ]);
  });
});
