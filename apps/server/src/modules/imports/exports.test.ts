import ExcelJS from 'exceljs';
import { parseCsv } from '@regulars/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { importFile } from './import-test-kit';

let t: TestApp;
let admin: Caller;
let manager: Caller;
let assistant: Caller;
let wangId: string;

beforeAll(async () => {
  t = await createTestApp({ work: true });
  await seedTenant(t.ctx, 'exp');
  admin = await signIn(t.app, 'exp', 'admin@exp.test');
  manager = await signIn(t.app, 'exp', 'customer_manager@exp.test');
  assistant = await signIn(t.app, 'exp', 'customer_assistant@exp.test');
  const res = await admin.inject({
    method: 'POST',
    url: '/api/members',
    payload: {
      name: '王小明',
      phone: '0912345678',
      email: 'wang@example.com',
      tags: ['VIP'],
      consents: { sms: true },
    },
  });
  wangId = res.json().memberId;
  await admin.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '=HYPERLINK("http://x")', tags: ['VIP'] },
  });
  await admin.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '李四', tags: ['other'] },
  });
});
afterAll(() => t.close());

const rowsOf = (body: string) => [...parseCsv(body.replace(/^\uFEFF/, ''))].map((r) => r.cells);

it('exports the members of a filter as CSV, neutralising formulas, audited', async () => {
  const res = await manager.inject({
    url: '/api/members/export?format=csv&tag=VIP',
    headers: { 'accept-language': 'zh-TW' },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  const rows = rowsOf(res.body);
  expect(rows[0]!.slice(0, 5)).toEqual(['會員卡號', '姓名', '性別', '生日', '手機']);
  expect(rows).toHaveLength(3);
  const names = rows.slice(1).map((r) => r[1]);
  expect(names).toContain('王小明');
  expect(names).toContain(`'=HYPERLINK("http://x")`);
  const wang = rows.find((r) => r[1] === '王小明')!;
  expect(wang[4]).toBe('+886912345678');
  expect(wang[13]).toBe('Y');
  const audit = await admin.inject({ url: '/api/audit-log?action=members.exported' });
  expect(audit.json().items[0].after).toMatchObject({
    format: 'csv',
    filter: { tag: 'VIP' },
    contactsMasked: false,
  });
});

it('masks contact details for roles without contacts.view, and refuses roles without export', async () => {
  expect((await assistant.inject({ url: '/api/members/export' })).statusCode).toBe(403);
  const role = await admin.inject({
    method: 'POST',
    url: '/api/roles',
    payload: { name: 'Exporter', permissions: ['members.browse', 'members.export'] },
  });
  expect(role.statusCode, role.body).toBe(200);
  const staff = await admin.inject({
    method: 'POST',
    url: '/api/staff',
    payload: {
      name: 'Ex',
      email: 'ex@exp.test',
      password: 'correct horse battery',
      roleId: role.json().roleId,
    },
  });
  expect(staff.statusCode, staff.body).toBe(200);
  const ex = await signIn(t.app, 'exp', 'ex@exp.test');
  const res = await ex.inject({ url: '/api/members/export?format=xlsx&q=王小明' });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  expect(sheet.rowCount).toBe(2);
  expect(sheet.getRow(2).getCell(5).value).toBe('0912-***-678');
  expect(sheet.getRow(2).getCell(7).value).toBe('w***@example.com');
  // Without contacts.view, the member's own data (unmasked) is refused too.
  const data = await ex.inject({ url: `/api/members/${wangId}/data` });
  expect(data.statusCode).toBe(403);
  expect(data.json().error.message).toContain('contacts.view');
});

it('re-imports an export: the same members, nothing created', async () => {
  const res = await admin.inject({ url: '/api/members/export?format=csv' });
  const { result } = await importFile(t, admin, 'export.csv', Buffer.from(res.body), {
    matchBy: 'card',
  });
  expect(result.counts).toMatchObject({ created: 0, rejected: 1, unchanged: 2 });
});

it("gives one member's stored data on request, audited", async () => {
  const res = await manager.inject({ url: `/api/members/${wangId}/data` });
  expect(res.statusCode, res.body).toBe(200);
  const d = res.json();
  expect(d.profile).toMatchObject({
    name: '王小明',
    phone: '+886912345678',
    email: 'wang@example.com',
  });
  expect(d.profile.search_latin).toBeUndefined();
  expect(d.consentHistory).toMatchObject([{ channel: 'sms', granted: true }]);
  expect(d.auditLog.map((a: { action: string }) => a.action)).toContain('member.created');
  expect(d.events.map((e: { type: string }) => e.type)).toContain('member.created');
  const audit = await admin.inject({
    url: `/api/audit-log?entityId=${wangId}&action=member.data_exported`,
  });
  expect(audit.json().items).toHaveLength(1);
});
