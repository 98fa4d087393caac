import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { runImport } from './import.job';
import { csv, rejectsOf } from './import-test-kit';

let t: TestApp;

// The worker does not run here: the test runs the jobs itself, and kills one.
beforeAll(async () => {
  t = await createTestApp({ work: false });
});
afterAll(() => t.close());

/** Order lines as a POS exports them: several lines per order, not always next to each other. */
const FILE = (card: string) =>
  csv([
    ['單號', '手機', '會員卡號', '日期', '門市', '貨號', '品名', '數量', '單價', '金額'],
    ['S-1', '0912-000-001', '', '2024/5/12 19:05', 'A', 'P1', '', '2', '380', ''],
    ['S-2', '', card, '2024/5/13', 'B', 'P2', '', '1', '', '320'],
    ['S-1', '0912-000-001', '', '2024/5/12 19:05', 'A', 'P2', '', '1', '320', ''],
    ['S-3', '0912-999-999', '', '2024/5/14', '', 'P1', '', '1', '380', ''], // no such member
    ['S-4', '0912-000-001', '', '2024/5/15', '', 'P1', '', '0', '380', ''], // bad quantity …
    ['S-4', '0912-000-001', '', '2024/5/15', '', 'P2', '', '1', '320', ''], // … keeps its order out
    ['S-5', '0912-000-001', '', '2024/5/16', '', 'P1', '', '1', '380', ''],
    ['S-5', '0912-000-002', '', '2024/5/16', '', 'P1', '', '1', '380', ''], // another member
    ['S-6', '0912-000-002', '', '2024/5/17', '', 'NOPE', '', '1', '99', ''], // unknown SKU
    ['S-7', '0912-000-002', '', '2024/5/18', '', 'NOPE', '茶水', '1', '30', ''], // free text line
    ['', '', '', '', '', '', '', '', '', ''],
  ]);

async function business(slug: string) {
  const { tenantId } = await seedTenant(t.ctx, slug);
  const admin = await signIn(t.app, slug, `admin@${slug}.test`);
  const member = async (name: string, phone: string) => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/members',
      payload: { name, phone },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { memberId: string; cardNumber: string };
  };
  const one = await member('王小明', '0912000001');
  const two = await member('陳美麗', '0912000002');
  for (const [sku, name, priceMinor] of [
    ['P1', '麻辣鍋底', 38000],
    ['P2', '昆布鍋底', 32000],
  ] as const)
    await admin.inject({
      method: 'POST',
      url: '/api/products',
      payload: { sku, name, priceMinor },
    });
  return { tenantId, admin, one, two };
}

async function upload(b: Awaited<ReturnType<typeof business>>, dryRun = false) {
  const up = await b.admin.inject({
    method: 'POST',
    url: '/api/imports?fileName=orders.csv&kind=purchases',
    headers: { 'content-type': 'text/csv' },
    payload: Buffer.from('\uFEFF' + FILE(b.two.cardNumber)),
  });
  expect(up.statusCode, up.body).toBe(200);
  const view = up.json();
  const start = await b.admin.inject({
    method: 'POST',
    url: `/api/imports/${view.importId}/start`,
    payload: { mapping: view.mapping, dryRun },
  });
  expect(start.statusCode, start.body).toBe(200);
  return view as { importId: string; mapping: (string | null)[] };
}

const view = async (who: Caller, id: string) =>
  (await who.inject({ url: `/api/imports/${id}` })).json();
const purchasesOf = async (who: Caller, memberId: string) =>
  (
    (await who.inject({ url: `/api/members/${memberId}/purchases` })).json() as {
      externalId: string;
      totalMinor: number;
      occurredAt: string;
      lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
    }[]
  ).sort((a, b) => a.externalId.localeCompare(b.externalId));

it('groups the lines of an order into one purchase, rejects bad orders whole, and never records one twice', async () => {
  const b = await business('buy');
  const dry = await upload(b, true);
  expect(dry.mapping).toEqual([
    'orderNo',
    'memberPhone',
    'memberCard',
    'date',
    'store',
    'sku',
    'productName',
    'quantity',
    'unitPrice',
    'amount',
  ]);
  await runImport(t.ctx, b.tenantId, dry.importId);
  expect((await view(b.admin, dry.importId)).counts).toEqual({
    created: 3,
    updated: 0,
    unchanged: 0,
    rejected: 6,
    skipped: 1,
  });
  expect(await purchasesOf(b.admin, b.one.memberId)).toEqual([]);

  const real = await upload(b);
  await runImport(t.ctx, b.tenantId, real.importId);
  const done = await view(b.admin, real.importId);
  expect(done).toMatchObject({ status: 'done', totalRows: 11 });
  expect(done.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 6, skipped: 1 });
  const one = await purchasesOf(b.admin, b.one.memberId);
  expect(one).toHaveLength(1);
  expect(one[0]).toMatchObject({
    externalId: 'S-1',
    totalMinor: 108000,
    occurredAt: '2024-05-12T11:05:00.000Z',
  });
  expect(one[0]!.lines.map((l) => [l.sku, l.name, l.quantity, l.unitPriceMinor])).toEqual([
    ['P1', '麻辣鍋底', 2, 38000],
    ['P2', '昆布鍋底', 1, 32000],
  ]);
  const two = await purchasesOf(b.admin, b.two.memberId);
  expect(two.map((p) => [p.externalId, p.totalMinor])).toEqual([
    ['S-2', 32000],
    ['S-7', 3000],
  ]);
  expect(two[1]!.lines[0]).toMatchObject({ sku: 'NOPE', name: '茶水' });
  const rejects = await rejectsOf(b.admin, real.importId);
  expect(rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
    [5, '手機', 'member.unknown'],
    [6, '數量', 'quantity.invalid'],
    [7, '單號', 'order.incomplete'],
    [8, '單號', 'order.incomplete'],
    [9, '單號', 'order.conflict'],
    [10, '貨號', 'product.unknown'],
  ]);

  // The same file again: every order is already there.
  const again = await upload(b);
  await runImport(t.ctx, b.tenantId, again.importId);
  expect((await view(b.admin, again.importId)).counts).toMatchObject({ created: 0, unchanged: 3 });
  expect(await purchasesOf(b.admin, b.one.memberId)).toHaveLength(1);
});

it('resumes a purchase import killed halfway: the same end state as a clean run', async () => {
  const clean = await business('buyclean');
  const c = await upload(clean);
  await runImport(t.ctx, clean.tenantId, c.importId, { batchSize: 2 });
  const expected = await view(clean.admin, c.importId);

  const killed = await business('buykilled');
  const k = await upload(killed);
  await expect(
    runImport(t.ctx, killed.tenantId, k.importId, {
      batchSize: 2,
      afterBatch: (n) => {
        if (n === 2) throw new Error('killed');
      },
    }),
  ).rejects.toThrow('killed');
  const halfway = await view(killed.admin, k.importId);
  expect(halfway.status).toBe('failed');
  expect(halfway.rowsDone).toBeGreaterThan(0);
  expect(halfway.rowsDone).toBeLessThan(11);
  await runImport(t.ctx, killed.tenantId, k.importId, { batchSize: 2 });
  await runImport(t.ctx, killed.tenantId, k.importId, { batchSize: 2 });
  const after = await view(killed.admin, k.importId);
  expect(after.counts).toEqual(expected.counts);
  expect(after.status).toBe('done');
  const shape = async (b: Awaited<ReturnType<typeof business>>) =>
    (await purchasesOf(b.admin, b.one.memberId))
      .concat(await purchasesOf(b.admin, b.two.memberId))
      .map((p) => [p.externalId, p.totalMinor, p.lines.length]);
  expect(await shape(killed)).toEqual(await shape(clean));
  expect(await rejectsOf(killed.admin, k.importId)).toEqual(
    await rejectsOf(clean.admin, c.importId),
  );
});
