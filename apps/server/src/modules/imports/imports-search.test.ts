import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { csv, importFile } from './import-test-kit';

let t: TestApp;
let admin: Caller;

beforeAll(async () => {
  t = await createTestApp({ work: true });
  await seedTenant(t.ctx, 'find');
  admin = await signIn(t.app, 'find', 'admin@find.test');
});
afterAll(() => t.close());

const found = async (q: string) =>
  (
    (await admin.inject({ url: `/api/members?q=${encodeURIComponent(q)}` })).json().items as {
      name: string;
    }[]
  ).map((m) => m.name);

it('finds an imported member by name as it finds one created through the API', async () => {
  // Names as sheets and keyboards write them: a suffix after two spaces or an ideographic space,
  // full-width letters and brackets.
  const names = [
    '周芷若x1y2',
    '周芷若 abc',
    '趙敏Ab9',
    '張無忌1987',
    '周芷若  k3x9',
    '小昭　ＶＩＰ',
  ];
  const created = [
    '周芷若q7k3',
    '周芷若 xyz',
    '趙敏Zz9',
    '張無忌2024',
    '周芷若  m8n2',
    '阿離　（新）',
  ];
  for (const [i, name] of created.entries()) {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/members',
      payload: { name, phone: `09130000${i}0` },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const { result } = await importFile(
    t,
    admin,
    'm.csv',
    Buffer.from(csv([['姓名', '手機'], ...names.map((n, i) => [n, `09140000${i}0`])])),
  );
  expect(result.counts).toMatchObject({ created: 6, rejected: 0 });
  // Each name, typed as it was written, finds its member (stored half-width, with one space).
  for (const name of [...names, ...created]) expect(await found(name), name).toHaveLength(1);
  expect(await found('小昭 VIP')).toEqual(['小昭 VIP']);
  expect(await found('阿離 (新)')).toEqual(['阿離 (新)']);
  for (const q of ['zhouzhiruox1y2', 'zhouzhiruoxyz', 'zhaominab9', 'zhangwuji1987'])
    expect(await found(q), q).toHaveLength(1);
  // An import that renames members (matched by phone) makes them findable by the new name.
  const renamed = await importFile(
    t,
    admin,
    'rename.csv',
    Buffer.from(
      csv([
        ['姓名', '手機'],
        ['周芷若 renamed', '0913000000'],
        ['殷離', '0914000010'],
      ]),
    ),
  );
  expect(renamed.result.counts).toMatchObject({ updated: 2 });
  expect(await found('周芷若 renamed')).toEqual(['周芷若 renamed']);
  expect(await found('殷離')).toEqual(['殷離']);
  expect(await found('yinli')).toEqual(['殷離']);
  expect((await found('周芷若')).sort()).toEqual(
    ['周芷若 renamed', '周芷若x1y2', '周芷若 xyz', '周芷若 k3x9', '周芷若 m8n2'].sort(),
  );
});
