import { encodeText } from '@regulars/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { importFile, rejectsOf } from './import-test-kit';

let t: TestApp;
let admin: Caller;
const cards: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ work: true });
  await seedTenant(t.ctx, 'bad');
  admin = await signIn(t.app, 'bad', 'admin@bad.test');
  await admin.inject({
    method: 'POST',
    url: '/api/custom-fields',
    payload: {
      key: 'level',
      label: { 'zh-TW': '等級', 'zh-CN': '等级', en: 'Level' },
      type: 'choice',
      options: [{ value: 'gold', label: 'Gold' }],
    },
  });
  await admin.inject({
    method: 'POST',
    url: '/api/custom-fields',
    payload: {
      key: 'visits',
      label: { 'zh-TW': '來店次數', 'zh-CN': '来店次数', en: 'Visits' },
      type: 'number',
    },
  });
  for (const [ext, phone] of [
    ['EXT-A', '0911000001'],
    ['EXT-B', '0911000002'],
  ] as const) {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/members',
      payload: { name: ext, phone, externalId: ext },
    });
    expect(res.statusCode, res.body).toBe(200);
    cards[ext] = res.json().cardNumber;
  }
});
afterAll(() => t.close());

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
const line = (cells: string[]) => Buffer.from(cells.join(',') + '\r\n');

it('reports every kind of bad row with its row, column and reason, and saves the rest', async () => {
  const header = [
    '外部編號',
    '姓名',
    '手機',
    '生日',
    'Email',
    '性別',
    '門市代碼',
    '等級',
    '來店次數',
    '地址',
    '卡號',
  ];
  const row = (o: Partial<Record<string, string>>) => header.map((h) => o[h] ?? '');
  const rows: string[][] = [
    /* 2 */ row({
      外部編號: 'E1',
      姓名: '好人一',
      手機: '0910000001',
      生日: '1980/1/2',
      等級: 'gold',
      門市代碼: 'A',
    }),
    /* 3 */ row({ 外部編號: 'E2', 手機: '0910000002' }),
    /* 4 */ row({ 姓名: '沒編號', 手機: '0910000003' }),
    /* 5 */ row({ 外部編號: 'E4', 姓名: '壞電話', 手機: '12345' }),
    /* 6 */ row({ 外部編號: 'E5', 姓名: '壞日期', 生日: '1987/13/45' }),
    /* 7 */ row({ 外部編號: 'E6', 姓名: '民國', 生日: '76/05/12' }),
    /* 8 */ row({ 外部編號: 'E1', 姓名: '重複', 手機: '0910000009' }),
    /* 9 */ ['ENC'],
    /* 10 */ row({ 外部編號: 'E8', 姓名: q('=HYPERLINK("http://evil.example","x")') }),
    /* 11 */ row({ 外部編號: 'E9', 姓名: '長地址', 地址: '台'.repeat(301) }),
    /* 12 */ row({ 外部編號: 'E10', 姓名: '白金', 等級: 'platinum' }),
    /* 13 */ row({ 外部編號: 'E11', 姓名: '次數', 來店次數: 'many' }),
    /* 14 */ row({ 外部編號: 'E12', 姓名: '郵件', Email: 'foo@' }),
    /* 15 */ row({ 外部編號: 'E13', 姓名: '性別', 性別: 'maybe' }),
    /* 16 */ row({ 外部編號: 'E14', 姓名: '門市', 門市代碼: 'Z' }),
    /* 17 */ row({ 外部編號: 'E15', 姓名: '搶號', 手機: '0911000001' }),
    /* 18 */ row({ 外部編號: 'EXT-A', 卡號: cards['EXT-B']! }),
    /* 19 */ row({ 外部編號: 'E17', 姓名: '卡號', 卡號: '9999999999' }),
    /* 20 */ row({}),
    /* 21 */ row({ 外部編號: 'EXT-B', 地址: '台北市信義區', 來店次數: q('1,234') }),
    /* 22 */ row({ 外部編號: 'E19', 姓名: '－', 手機: '-' }),
  ];
  const bytes = Buffer.concat([
    Buffer.from('\uFEFF'),
    line(header),
    ...rows.slice(0, 7).map(line),
    // Row 9: a name typed in Big5 inside a UTF-8 file.
    Buffer.concat([
      Buffer.from('E7,'),
      encodeText('陳美麗', 'big5'),
      Buffer.from(',0910000007\r\n'),
    ]),
    ...rows.slice(8).map(line),
  ]);
  const { upload, result } = await importFile(t, admin, 'bad.csv', bytes, {
    matchBy: 'external_id',
  });
  expect(upload.mapping).toEqual([
    'externalId',
    'name',
    'phone',
    'birthday',
    'email',
    'gender',
    'homeStore',
    'custom.level',
    'custom.visits',
    'address',
    'cardNumber',
  ]);
  const rejects = await rejectsOf(admin, upload.importId);
  expect(rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
    [3, '姓名', 'value.required'],
    [4, '外部編號', 'key.missing'],
    [5, '手機', 'phone.invalid'],
    [6, '生日', 'date.invalid'],
    [7, '生日', 'date.roc_disabled'],
    [8, '外部編號', 'row.duplicate'],
    [9, '姓名', 'encoding.invalid'],
    [10, '姓名', 'value.formula'],
    [11, '地址', 'value.too_long'],
    [12, '等級', 'value.unknown_option'],
    [13, '來店次數', 'value.not_number'],
    [14, 'Email', 'email.invalid'],
    [15, '性別', 'gender.invalid'],
    [16, '門市代碼', 'store.unknown'],
    [17, '手機', 'phone.taken'],
    [18, '卡號', 'keys.conflict'],
    [19, '卡號', 'card.unknown'],
    [22, '姓名', 'value.required'],
  ]);
  expect(new Set(rejects.map((r) => r.reason)).size).toBeGreaterThanOrEqual(17);
  expect(rejects[0]!.message).toBe('A new member needs this value');
  expect(result.counts).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 18, skipped: 1 });

  const list = (await admin.inject({ url: '/api/members?limit=100' })).json().items as Record<
    string,
    unknown
  >[];
  expect(list.map((m) => m.name).sort()).toEqual(['EXT-A', 'EXT-B', '好人一']);
  const b = list.find((m) => m.externalId === 'EXT-B')!;
  expect(b.custom).toEqual({ visits: 1234 });
  expect(b.phone).toBe('0911-***-002');
  expect((b.fieldSources as Record<string, { source: string }>).address!.source).toBe('import');
  expect(list.find((m) => m.name === '好人一')).toMatchObject({
    birthday: '1980-01-02',
    custom: { level: 'gold' },
  });

  const file = await admin.inject({
    url: `/api/imports/${upload.importId}/rejects.csv`,
    headers: { 'accept-language': 'zh-TW' },
  });
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('text/csv');
  expect(file.body).toContain('列,欄位,內容,原因,原因代碼');
  expect(file.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(file.body).toContain('新會員必須填寫此欄');
});
