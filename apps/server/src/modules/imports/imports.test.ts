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
let assistant: Caller;

beforeAll(async () => {
  t = await createTestApp({ work: true });
  await seedTenant(t.ctx, 'imp');
  admin = await signIn(t.app, 'imp', 'admin@imp.test');
  assistant = await signIn(t.app, 'imp', 'customer_assistant@imp.test');
  const field = await admin.inject({
    method: 'POST',
    url: '/api/custom-fields',
    payload: {
      key: 'level',
      label: { 'zh-TW': '等級', 'zh-CN': '等级', en: 'Level' },
      type: 'choice',
      options: [
        { value: 'gold', label: 'Gold' },
        { value: 'silver', label: 'Silver' },
      ],
    },
  });
  expect(field.statusCode, field.body).toBe(200);
  await admin.inject({
    method: 'POST',
    url: '/api/custom-fields',
    payload: {
      key: 'visits',
      label: { 'zh-TW': '來店次數', 'zh-CN': '来店次数', en: 'Visits' },
      type: 'number',
    },
  });
});
afterAll(() => t.close());

const members = async (q = '') =>
  (await admin.inject({ url: `/api/members?limit=200${q}` })).json().items as Record<
    string,
    unknown
  >[];

describe('member import', () => {
  it('is refused to roles without the import permission', async () => {
    const res = await assistant.inject({
      method: 'POST',
      url: '/api/imports?fileName=a.csv',
      headers: { 'content-type': 'text/csv' },
      payload: 'Name\nx\n',
    });
    expect(res.statusCode).toBe(403);
  });

  it('suggests a mapping, dry-runs without saving, then saves and re-imports without duplicates', async () => {
    const file = Buffer.from(
      '\uFEFF' +
        csv([
          ['姓名', '手機', '生日', 'Email', '等級', '標籤'],
          ['王小明', '0912-345-678', '1987/5/12', 'wang@example.com', 'gold', 'VIP'],
          ['陳美麗', '+886 922 333 444', '1990-01-02', '', 'silver', ''],
          ['林大同', '０９３３１１１２２２', '32000', '', '', '火鍋、VIP'],
        ]),
    );
    const dry = await importFile(t, admin, 'members.csv', file, { dryRun: true });
    expect(dry.upload.mapping).toEqual([
      'name',
      'phone',
      'birthday',
      'email',
      'custom.level',
      'tags',
    ]);
    expect(dry.upload.encoding).toBe('utf-8');
    expect(dry.result.counts).toMatchObject({ created: 3, updated: 0, rejected: 0 });
    expect(await members()).toHaveLength(0);

    const first = await importFile(t, admin, 'members.csv', file);
    expect(first.result.counts).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(first.result.progress).toBe(1);
    const all = await members();
    expect(all).toHaveLength(3);
    const wang = all.find((m) => m.name === '王小明')!;
    expect(wang).toMatchObject({
      birthday: '1987-05-12',
      source: 'import',
      tags: ['VIP'],
      custom: { level: 'gold' },
    });
    expect((wang.fieldSources as Record<string, { source: string }>).phone!.source).toBe('import');
    expect(all.find((m) => m.name === '林大同')).toMatchObject({
      birthday: '1987-08-11',
      tags: ['火鍋', 'VIP'],
    });
    // Search columns are set: found by pinyin initials.
    expect((await members('&q=wxm')).map((m) => m.name)).toEqual(['王小明']);

    const again = await importFile(t, admin, 'members.csv', file);
    expect(again.result.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = Buffer.from(
      csv([
        ['Name', 'Mobile', 'Tags'],
        ['王小明', '0912345678', '常客'],
      ]),
    );
    const upd = await importFile(t, admin, 'update.csv', changed);
    expect(upd.result.counts).toMatchObject({ created: 0, updated: 1 });
    expect((await members('&q=wxm'))[0]!.tags).toEqual(['VIP', '常客']);
    expect(await members()).toHaveLength(3);
  });

  it('reads Big5 and GBK files', async () => {
    const big5 = encodeText(
      csv([
        ['姓名', '手機', '生日'],
        ['黃志偉', '0955123456', '76/05/12'],
      ]),
      'big5',
    );
    const r1 = await importFile(t, admin, 'big5.csv', big5);
    expect(r1.upload.encoding).toBe('big5');
    expect(r1.upload.headers).toEqual(['姓名', '手機', '生日']);
    // ROC years are off for this business: the row is rejected with that reason.
    expect((await rejectsOf(admin, r1.upload.importId)).map((r) => r.reason)).toEqual([
      'date.roc_disabled',
    ]);
    const gbk = encodeText(
      csv([
        ['姓名', '手机', '性别'],
        ['张伟', '13800138000', '男'],
      ]),
      'gbk',
    );
    const r2 = await importFile(t, admin, 'gbk.csv', gbk);
    expect(r2.upload.encoding).toBe('gbk');
    expect(r2.result.counts.created).toBe(1);
    expect((await members('&q=zw')).map((m) => [m.name, m.gender])).toEqual([['张伟', 'male']]);
  });
});
