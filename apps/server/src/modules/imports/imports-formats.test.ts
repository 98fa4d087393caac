import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { importFile, rejectsOf, waitDone } from './import-test-kit';

let t: TestApp;
let admin: Caller;

beforeAll(async () => {
  t = await createTestApp({ work: true });
  await seedTenant(t.ctx, 'fmt');
  admin = await signIn(t.app, 'fmt', 'admin@fmt.test');
});
afterAll(() => t.close());

const members = async (q: string) =>
  (await admin.inject({ url: `/api/members?q=${encodeURIComponent(q)}` })).json().items as Record<
    string,
    unknown
  >[];

it('imports .xlsx: date cells, Excel serial numbers, rich text; formula cells are rejected', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('會員');
  ws.addRow(['Name', 'Mobile', 'Birthday', 'Gender', 'Email']);
  ws.addRow([
    'Alice Lin',
    '0912 111 222',
    new Date(Date.UTC(1987, 4, 12)),
    'F',
    'ALICE@EXAMPLE.COM',
  ]);
  ws.addRow(['Bob Wu', 912333444, 32000, 'male', null]);
  ws.addRow([{ richText: [{ text: '周' }, { text: '杰' }] }, '0912555666', '1987-05-12', '', '']);
  ws.addRow([{ formula: 'CONCAT("a","b")', result: 'ab' }, '0912777888', '', '', '']);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const { upload, result } = await importFile(t, admin, 'members.xlsx', bytes);
  expect(upload).toMatchObject({
    format: 'xlsx',
    headers: ['Name', 'Mobile', 'Birthday', 'Gender', 'Email'],
  });
  expect(upload.sample[0]).toEqual([
    'Alice Lin',
    '0912 111 222',
    '1987-05-12',
    'F',
    'ALICE@EXAMPLE.COM',
  ]);
  expect(result.counts).toMatchObject({ created: 3, rejected: 1 });
  expect(await rejectsOf(admin, upload.importId)).toMatchObject([
    { row: 5, column: 'Name', reason: 'value.formula' },
  ]);
  expect((await members('alice'))[0]).toMatchObject({
    birthday: '1987-05-12',
    gender: 'female',
    email: 'a***@example.com',
  });
  expect((await members('bob'))[0]).toMatchObject({
    birthday: '1987-08-11',
    phone: '0912-***-444',
  });
  expect((await members('周杰'))[0]).toMatchObject({ birthday: '1987-05-12' });
});

it('imports phone contacts (vCard)', async () => {
  const vcf = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'FN:林志玲',
    'TEL;TYPE=CELL:+886 933 444 555',
    'EMAIL:chiling@example.com',
    'END:VCARD',
    'BEGIN:VCARD',
    'VERSION:3.0',
    'FN:No Phone',
    'END:VCARD',
  ].join('\r\n');
  const { upload, result } = await importFile(t, admin, 'contacts.vcf', Buffer.from(vcf));
  expect(upload.format).toBe('vcard');
  expect(upload.mapping).toEqual(['name', 'phone', 'otherPhones', 'email', 'birthday', 'address']);
  expect(result.counts).toMatchObject({ created: 1, rejected: 1 });
  expect(await rejectsOf(admin, upload.importId)).toMatchObject([
    { row: 2, column: 'Mobile', reason: 'key.missing' },
  ]);
  expect((await members('林志玲'))[0]).toMatchObject({ phone: '0933-***-555' });
});

it('gives a template whose headers map back to the fields, in the staff language', async () => {
  await admin.inject({
    method: 'POST',
    url: '/api/custom-fields',
    payload: {
      key: 'spicy',
      label: { 'zh-TW': '辣度', 'zh-CN': '辣度', en: 'Spiciness' },
      type: 'number',
    },
  });
  const csv = await admin.inject({
    url: '/api/imports/template?format=csv',
    headers: { 'accept-language': 'zh-TW' },
  });
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['content-disposition']).toContain('members-template.csv');
  const up = await admin.inject({
    method: 'POST',
    url: '/api/imports?fileName=t.csv',
    headers: { 'content-type': 'text/csv' },
    payload: csv.rawPayload.toString() + '王,0912000111,男,1990-01-01,,,,,,,,,3\r\n',
  });
  expect(up.json().headers.slice(0, 3)).toEqual(['姓名', '手機', '性別']);
  expect(up.json().mapping).toEqual([
    'name',
    'phone',
    'gender',
    'birthday',
    'email',
    'address',
    'otherPhones',
    'homeStore',
    'externalId',
    'tags',
    'consent.sms',
    'consent.email',
    'custom.spicy',
  ]);
  const xlsx = await admin.inject({ url: '/api/imports/template?format=xlsx' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  expect(wb.worksheets[0]!.getRow(1).values).toContain('Spiciness');
});

it('refuses files it cannot read, with what to do', async () => {
  const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]);
  const res = await admin.inject({
    method: 'POST',
    url: '/api/imports?fileName=old.xls',
    headers: { 'content-type': 'application/vnd.ms-excel' },
    payload: xls,
  });
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('import.unsupported_format');
  expect(res.json().error.message).toContain('.xlsx');
  const empty = await admin.inject({
    method: 'POST',
    url: '/api/imports?fileName=e.csv',
    headers: { 'content-type': 'text/csv' },
    payload: 'Name,Mobile\r\n',
  });
  expect(empty.json().error.code).toBe('import.empty_file');
  const up = await admin.inject({
    method: 'POST',
    url: '/api/imports?fileName=x.csv',
    headers: { 'content-type': 'text/csv' },
    payload: 'Name,Mobile\r\nA,0912000222\r\n',
  });
  const bad = await admin.inject({
    method: 'POST',
    url: `/api/imports/${up.json().importId}/start`,
    payload: { mapping: ['name', null], matchBy: 'phone' },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.code).toBe('import.mapping_invalid');
});

it('runs a finished dry run for real, once; a retried upload is one import', async () => {
  const body = 'Name,Mobile\r\nDry Run,0912000444\r\n';
  const upload = () =>
    admin.inject({
      method: 'POST',
      url: '/api/imports?fileName=d.csv',
      headers: { 'content-type': 'text/csv', 'idempotency-key': 'upload-d' },
      payload: body,
    });
  const first = await upload();
  const retry = await upload();
  expect(retry.json().importId).toBe(first.json().importId);
  const id = first.json().importId as string;
  const start = (dryRun: boolean) =>
    admin.inject({
      method: 'POST',
      url: `/api/imports/${id}/start`,
      payload: { mapping: ['name', 'phone'], matchBy: 'phone', dryRun },
    });
  expect((await start(true)).statusCode).toBe(200);
  expect((await waitDone(admin, id)).counts.created).toBe(1);
  expect(await members('Dry Run')).toHaveLength(0);
  expect((await start(false)).statusCode).toBe(200);
  const done = await waitDone(admin, id);
  expect(done).toMatchObject({ dryRun: false, counts: { created: 1 } });
  expect(await members('Dry Run')).toHaveLength(1);
  const again = await start(false);
  expect(again.statusCode).toBe(409);
  expect(again.json().error.code).toBe('import.not_startable');
  const list = await admin.inject({ url: '/api/imports' });
  expect(list.json().items.map((i: { importId: string }) => i.importId)).toContain(id);
});
