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
