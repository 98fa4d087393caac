import ExcelJS from 'exceljs';
import { encodeText } from '@regulars/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { csv, importFile, rejectsOf } from './import-test-kit';

let t: TestApp;
let admin: Caller;
let manager: Caller;

beforeAll(async () => {
  t = await createTestApp({ work: true });
  await seedTenant(t.ctx, 'prod');
  admin = await signIn(t.app, 'prod', 'admin@prod.test');
  manager = await signIn(t.app, 'prod', 'customer_manager@prod.test');
});
afterAll(() => t.close());

const products = async () =>
  (await admin.inject({ url: '/api/products?limit=200' })).json().items as {
    sku: string;
    name: string;
    priceMinor: number;
    categoryId: string | null;
    tags: string[];
  }[];
const categories = async () =>
  (await admin.inject({ url: '/api/product-categories' })).json() as {
    categoryId: string;
    name: string;
    parentId: string | null;
  }[];

const FILE = csv([
  ['貨號', '商品名稱', '售價', '分類', '標籤'],
  ['P-001', '麻辣鍋底', '380', '鍋底/麻辣', '辣、招牌'],
  ['P-002', '昆布鍋底', 'NT$ 320', '鍋底', ''],
  ['P-003', '手工蝦丸', '"1,280.50"', '火鍋料 > 丸類', '冷凍'],
  ['P-001', '重複的', '1', '', ''], // same SKU again: the first row wins
  ['P-004', '免費', 'free', '', ''], // not a price
  ['P-005', '', '100', '', ''], // a new product needs a name
  ['', '沒有貨號', '100', '', ''], // no SKU
  ['P-006', '=HYPERLINK("http://x")', '100', '', ''], // a formula
  ['', '', '', '', ''], // empty
]);

describe('product import', () => {
  it('suggests the mapping, dry-runs, then upserts by SKU with categories made as needed', async () => {
    const dry = await importFile(t, admin, 'products.csv', Buffer.from('\uFEFF' + FILE), {
      kind: 'products',
      dryRun: true,
    });
    expect(dry.upload.kind).toBe('products');
    expect(dry.upload.mapping).toEqual(['sku', 'name', 'price', 'category', 'tags']);
    expect(dry.result).toMatchObject({
      status: 'done',
      dryRun: true,
      counts: { created: 3, updated: 0, unchanged: 0, rejected: 5, skipped: 1 },
    });
    expect(await products()).toEqual([]);

    const { result, upload } = await importFile(t, admin, 'products.csv', Buffer.from(FILE), {
      kind: 'products',
    });
    expect(result.counts).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 5,
      skipped: 1,
    });
    const saved = await products();
    expect(saved.map((p) => [p.sku, p.name, p.priceMinor, p.tags])).toEqual([
      ['P-001', '麻辣鍋底', 38000, ['辣', '招牌']],
      ['P-002', '昆布鍋底', 32000, []],
      ['P-003', '手工蝦丸', 128050, ['冷凍']],
    ]);
    const cats = await categories();
    const byName = new Map(cats.map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual(['丸類', '火鍋料', '鍋底', '麻辣'].sort());
    expect(byName.get('麻辣')!.parentId).toBe(byName.get('鍋底')!.categoryId);
    expect(saved[0]!.categoryId).toBe(byName.get('麻辣')!.categoryId);
    expect(saved[1]!.categoryId).toBe(byName.get('鍋底')!.categoryId);

    const rejects = await rejectsOf(admin, upload.importId);
    expect(rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [5, '貨號', 'row.duplicate'],
      [6, '售價', 'money.invalid'],
      [7, '商品名稱', 'value.required'],
      [8, '貨號', 'key.missing'],
      [9, '商品名稱', 'value.formula'],
    ]);
    const file = await admin.inject({ url: `/api/imports/${upload.importId}/rejects.csv` });
    expect(file.body).toContain("'=HYPERLINK");

    // The same sheet again changes nothing; a new price updates one product; no duplicates.
    const again = await importFile(t, admin, 'products.csv', Buffer.from(FILE), {
      kind: 'products',
    });
    expect(again.result.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = csv([
      ['SKU', 'Price', 'Category'],
      ['P-002', '350', '鍋底'],
      ['P-003', '1280.5', '火鍋料/丸類'],
    ]);
    const upd = await importFile(t, admin, 'prices.csv', Buffer.from(changed), {
      kind: 'products',
    });
    expect(upd.result.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await products()).map((p) => p.priceMinor)).toEqual([38000, 35000, 128050]);
    expect(await categories()).toHaveLength(4);
  });

  it('reads Big5 CSV and .xlsx files', async () => {
    const big5 = encodeText(
      csv([
        ['商品編號', '品名', '價格', '分類'],
        ['B-1', '凍豆腐', '60', '火鍋料'],
      ]),
      'big5',
    );
    const r1 = await importFile(t, admin, 'big5.csv', big5, { kind: 'products' });
    expect(r1.upload.encoding).toBe('big5');
    expect(r1.result.counts).toMatchObject({ created: 1, rejected: 0 });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('商品');
    ws.addRow(['Item code', 'Product name', 'Unit price', 'Tags']);
    ws.addRow(['X-1', 'Beef slices', 450, 'meat, premium']);
    ws.addRow(['X-2', 'Tofu', 45.5, '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r2 = await importFile(t, admin, 'products.xlsx', xlsx, { kind: 'products' });
    expect(r2.upload.mapping).toEqual(['sku', 'name', 'price', 'tags']);
    expect(r2.result.counts).toMatchObject({ created: 2, rejected: 0 });
    const saved = await products();
    expect(saved.find((p) => p.sku === 'X-2')!.priceMinor).toBe(4550);
    expect(saved.find((p) => p.sku === 'X-1')!.tags).toEqual(['meat', 'premium']);
  });

  it('offers a template per kind, and needs the right to change the catalog', async () => {
    const tpl = await admin.inject({
      url: '/api/imports/template?kind=products&format=csv',
      headers: { 'accept-language': 'zh-TW' },
    });
    expect(tpl.statusCode).toBe(200);
    expect(tpl.body).toContain('貨號,品名,售價,分類,標籤');
    const xlsx = await admin.inject({ url: '/api/imports/template?kind=purchases&format=xlsx' });
    expect(xlsx.headers['content-disposition']).toContain('purchases-template.xlsx');

    const denied = await manager.inject({
      method: 'POST',
      url: '/api/imports?fileName=p.csv&kind=products',
      headers: { 'content-type': 'text/csv' },
      payload: FILE,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('permission.denied');

    const up = await admin.inject({
      method: 'POST',
      url: '/api/imports?fileName=p.csv&kind=products',
      headers: { 'content-type': 'text/csv' },
      payload: FILE,
    });
    const bad = await admin.inject({
      method: 'POST',
      url: `/api/imports/${up.json().importId}/start`,
      payload: { mapping: [null, 'name', 'price'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('import.mapping_invalid');
    expect(bad.json().error.message).toContain('"sku"');
  });
});
