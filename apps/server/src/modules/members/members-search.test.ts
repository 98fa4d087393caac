import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@regulars/db';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';

// Search reads past row-level security through search_member_ids() (migration 0009), so it
// must keep to the business of the request on its own: two businesses with the same members.
let t: TestApp;
const ids: Record<'a' | 'b', string[]> = { a: [], b: [] };
const tenants: Record<'a' | 'b', string> = { a: '', b: '' };
const staff: Partial<Record<'a' | 'b', Caller>> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const k of ['a', 'b'] as const) {
    tenants[k] = (await seedTenant(t.ctx, `search${k}`)).tenantId;
    const who = await signIn(t.app, `search${k}`, `customer_manager@search${k}.test`);
    staff[k] = who;
    for (const [name, phone, other, tags] of [
      ['王小明', '0912-345-678', '+86 138 0013 8000', ['VIP', '常客']],
      ['Amy Chen', '0933 444 555', '', ['VIP']],
    ] as const) {
      const res = await who.inject({
        method: 'POST',
        url: '/api/members',
        payload: {
          name,
          phone,
          ...(other ? { otherPhones: [other] } : {}),
          email: `amy.wang${phone.slice(-3)}@example.com`,
          tags,
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      ids[k].push(res.json().memberId as string);
    }
  }
});
afterAll(() => t.close());

describe('member search across businesses', () => {
  it.each([
    ['王小明'],
    ['小明'],
    ['wangxiaoming'],
    ['wxm'],
    ['wx'],
    ['0912-345-678'],
    ['13800138000'],
    ['5678'],
    ['example.com'],
    ['amy'],
    ['?tag=VIP'],
    ['?tag=VIP&q=amy'],
    [''],
  ])('%s finds only the business’s own members', async (q) => {
    for (const k of ['a', 'b'] as const) {
      const url = q.startsWith('?')
        ? `/api/members${q}`
        : `/api/members?q=${encodeURIComponent(q)}`;
      const res = await staff[k]!.inject({ url });
      expect(res.statusCode, res.body).toBe(200);
      const found = (res.json().items as { memberId: string }[]).map((m) => m.memberId);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((id) => ids[k].includes(id))).toBe(true);
    }
  });

  it('the id function returns the transaction’s business only, and nothing without one', async () => {
    const call = sql<{ member_id: string }>`SELECT member_id FROM search_member_ids(
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 100)`;
    for (const k of ['a', 'b'] as const) {
      const { rows } = await t.ctx.db.withTenant(tenants[k], (tx) => call.execute(tx));
      expect(rows.map((r) => r.member_id).sort()).toEqual([...ids[k]].sort());
    }
    const none = await t.ctx.db.withoutTenant((tx) => call.execute(tx));
    expect(none.rows).toEqual([]);
  });

  it('pages with a cursor through the function too', async () => {
    const first = await staff.a!.inject({ url: '/api/members?tag=VIP&limit=1' });
    const next = await staff.a!.inject({
      url: `/api/members?tag=VIP&limit=1&cursor=${first.json().nextCursor}`,
    });
    const seen = [...first.json().items, ...next.json().items].map(
      (m: { memberId: string }) => m.memberId,
    );
    expect(seen.sort()).toEqual([...ids.a].sort());
    expect(next.json().nextCursor).toBeNull();
  });
});

describe('paging through broad searches at more members than one walk reads', () => {
  // 12,000 members (more than the 10,000 a broad search first walks newest-first before it walks
  // on or turns to the indexes), two at each second so that the cursor's tie on time is broken by
  // id; some tags only among the oldest members, where no walk reaches.
  let bulk: string;
  let manager: Caller;
  beforeAll(async () => {
    bulk = (await seedTenant(t.ctx, 'searchbulk')).tenantId;
    manager = await signIn(t.app, 'searchbulk', 'customer_manager@searchbulk.test');
    await t.ctx.db.withTenant(bulk, (tx) =>
      sql`INSERT INTO members (tenant_id, member_id, card_number, name, source, tags, name_grams,
                               search_latin, status, created_at)
          SELECT ${bulk}::uuid, gen_random_uuid(), 'B' || i, s || '某', 'import',
                 array_remove(ARRAY[CASE WHEN i % 4 = 0 THEN 'common' END,
                                    CASE WHEN i % 500 = 0 THEN 'rare' END,
                                    CASE WHEN i <= 600 AND i % 3 = 0 THEN 'old' END], NULL),
                 ARRAY[s, '某', s || '某'],
                 -- Text: common (chen), uncommon (wxm), rare and far apart (zhongyiyu).
                 CASE WHEN i % 4 = 1 THEN 'chen' ELSE 'lin' END
                   || CASE WHEN i % 250 = 3 THEN ' wxm' ELSE '' END
                   || CASE WHEN i % 3001 = 7 THEN ' zhongyiyu' ELSE '' END,
                 CASE WHEN i % 97 = 0 THEN 'merged' ELSE 'active' END,
                 timestamptz '2026-01-01' + (i / 2) * interval '1 second'
            FROM generate_series(1, 12000) i,
                 LATERAL (SELECT CASE WHEN i % 1000 = 1 THEN '戴' WHEN i % 5 = 0 THEN '陳'
                                      ELSE '林' END AS s) n`.execute(tx),
    );
  });

  const expected = async (where: string) =>
    (
      await t.ctx.db.withTenant(bulk, (tx) =>
        sql<{ member_id: string }>`SELECT member_id FROM members
          WHERE status = 'active' AND ${sql.raw(where)}
          ORDER BY created_at DESC, member_id DESC`.execute(tx),
      )
    ).rows.map((r) => r.member_id);

  it.each([
    ['tag=common', "tags @> '{common}'", 200],
    ['tag=rare', "tags @> '{rare}'", 7],
    ['tag=rare', "tags @> '{rare}'", 30],
    ['tag=old', "tags @> '{old}'", 50],
    ['tag=old&q=林', "tags @> '{old}' AND name LIKE '%林%'", 50],
    ['q=陳', "name LIKE '%陳%'", 200],
    ['q=戴', "name LIKE '%戴%'", 3],
    ['q=陳&tag=rare', "name LIKE '%陳%' AND tags @> '{rare}'", 2],
    // Text walks the newest members first too, and gathers the trigram index's matches otherwise.
    ['q=chen', "search_latin LIKE '%chen%'", 200],
    ['q=wxm', "search_latin LIKE '%wxm%'", 10],
    ['q=zhongyiyu', "search_latin LIKE '%zhongyiyu%'", 1],
    ['q=chen&tag=old', "search_latin LIKE '%chen%' AND tags @> '{old}'", 20],
  ])(
    '%s (%s), pages of %i: in order, nothing twice, nothing missed',
    async (query, where, limit) => {
      const want = await expected(where);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string =
          `/api/members?${encodeURI(query)}&limit=${limit}` + (cursor ? `&cursor=${cursor}` : '');
        const res = await manager.inject({ url });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { items: { memberId: string }[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...body.items.map((m) => m.memberId));
        cursor = body.nextCursor;
      } while (cursor && seen.length <= want.length);
      expect(want.length).toBeGreaterThan(0);
      expect(seen).toEqual(want);
    },
  );
});
