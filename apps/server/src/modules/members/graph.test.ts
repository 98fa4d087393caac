import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { expectError } from '../../../../../test/expect-error';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

let t: TestApp;
let tenantId: string;
let admin: Caller;
const m: Record<string, string> = {};

const ok = async (res: { statusCode: number; body: string; json(): Json }) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const post = (url: string, payload: object) =>
  admin.inject({ method: 'POST', url, payload }).then(ok);
const get = (url: string) => admin.inject({ url }).then(ok);
const relate = (who: string, kind: string, whom: string) =>
  post(`/api/members/${m[who]}/relations`, { kind, relatedMemberId: m[whom] });

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'web')).tenantId;
  admin = await signIn(t.app, 'web', 'admin@web.test');
  for (const name of ['Root', 'Ann', 'Bob', 'Cat', 'Dan', 'Eve'])
    m[name] = (await post('/api/members', { name })).memberId;
  // Root brought in Ann and Bob; Ann brought in Cat; Cat brought in Dan. Ann and Eve are friends.
  await relate('Ann', 'introduced_by', 'Root');
  await relate('Bob', 'introduced_by', 'Root');
  await relate('Cat', 'introduced_by', 'Ann');
  await relate('Dan', 'introduced_by', 'Cat');
  await relate('Ann', 'friend', 'Eve');
  await post(`/api/members/${m.Root}/relations`, { kind: 'parent', contactName: 'Grandma' });
});
afterAll(() => t.close());

describe('relationship graph', () => {
  it('shows members within the depth asked, relatives who are not members, and the relations', async () => {
    const one = await get(`/api/members/${m.Root}/graph?depth=1`);
    const names = (g: Json) => g.nodes.map((n: Json) => n.name).sort();
    expect(names(one)).toEqual(['Ann', 'Bob', 'Grandma', 'Root']);
    expect(one.truncated).toBe(false);
    const intro = one.edges.find((e: Json) => e.source === m.Ann);
    expect(intro).toMatchObject({ target: m.Root, kind: 'introduced_by' });
    const grandma = one.nodes.find((n: Json) => n.name === 'Grandma');
    expect(grandma).toMatchObject({ type: 'contact', depth: 1 });
    expect(one.edges.find((e: Json) => e.target === grandma.id).kind).toBe('parent');

    const two = await get(`/api/members/${m.Root}/graph`);
    expect(names(two)).toEqual(['Ann', 'Bob', 'Cat', 'Eve', 'Grandma', 'Root']);
    expect(two.nodes.find((n: Json) => n.name === 'Cat').depth).toBe(2);
    expect(two.edges).toHaveLength(5);
  });

  it('answers 404 for a member it does not know', async () => {
    const res = await admin.inject({
      url: '/api/members/00000000-0000-4000-8000-000000000000/graph',
    });
    expectError(res, 404, 'not_found');
  });

  it('ranks influence centers by people brought in, per level', async () => {
    const ranked = await get('/api/members/influence?limit=3');
    expect(ranked.map((r: Json) => [r.name, r.introducedByLevel, r.introducedTotal])).toEqual([
      ['Root', [2, 1, 1, 0, 0], 4],
      ['Ann', [1, 1, 0, 0, 0], 2],
      ['Cat', [1, 0, 0, 0, 0], 1],
    ]);
    expect(ranked[1].relations).toBe(3); // Root, Cat, Eve
  });

  it('ranks by centrality (PageRank), introductions pointing to the introducer', async () => {
    const ranked = await get('/api/members/influence?by=centrality&limit=10');
    // Root is pointed to by both people it brought in; Ann by Cat and by her friend Eve.
    expect(
      ranked
        .slice(0, 2)
        .map((r: Json) => r.name)
        .sort(),
    ).toEqual(['Ann', 'Root']);
    // Nobody points to Bob or Dan: they share the floor.
    expect(
      ranked
        .slice(-2)
        .map((r: Json) => r.name)
        .sort(),
    ).toEqual(['Bob', 'Dan']);
    expect(ranked).toHaveLength(6);
    const sum = ranked.reduce((s: number, r: Json) => s + r.centrality, 0);
    expect(sum).toBeCloseTo(1, 5);
  });

  it('reuses the ranking until a relation changes, and says how old it is', async () => {
    const influence = () => admin.inject({ url: '/api/members/influence?limit=3' });
    const first = await influence();
    t.clock.advance(90_000);
    const again = await influence();
    expect(again.json()).toEqual(first.json());
    expect(again.headers['last-modified']).toBe(first.headers['last-modified']);
    expect(Number(again.headers.age)).toBe(Number(first.headers.age) + 90);

    // Bob brings in two people: the next request ranks afresh, and the ranking is new.
    for (const name of ['Fay', 'Gus']) {
      m[name] = (await post('/api/members', { name })).memberId;
      await relate(name, 'introduced_by', 'Bob');
    }
    const fresh = await influence();
    expect(fresh.headers.age).toBe('0');
    expect(Date.parse(String(fresh.headers['last-modified']))).toBeGreaterThan(
      Date.parse(String(first.headers['last-modified'])),
    );
    expect(fresh.json().map((r: Json) => [r.name, r.introducedTotal])).toEqual([
      ['Root', 6],
      ['Ann', 2],
      ['Bob', 2],
    ]);
    // A relation removed counts too.
    const rels = await get(`/api/members/${m.Gus}/relations`);
    const del = await admin.inject({
      method: 'DELETE',
      url: `/api/relations/${rels[0].relationId}`,
    });
    expect(del.statusCode, del.body).toBe(200);
    const after = await get('/api/members/influence?limit=10');
    expect(after.find((r: Json) => r.name === 'Bob').introducedTotal).toBe(1);
    expect(after.find((r: Json) => r.name === 'Root').introducedTotal).toBe(5);
  });

  it('counts someone brought in by two people once, at the nearest level', async () => {
    await relate('Dan', 'introduced_by', 'Bob'); // Dan was also brought in by Cat
    const ranked = await get('/api/members/influence?limit=10');
    const of = (name: string) => ranked.find((r: Json) => r.name === name);
    // Root: Ann and Bob; then Cat, Fay and Dan (through Bob); Dan not again through Cat.
    expect(of('Root')).toMatchObject({ introducedByLevel: [2, 3, 0, 0, 0], introducedTotal: 5 });
    expect(of('Bob')).toMatchObject({ introducedByLevel: [2, 0, 0, 0, 0], introducedTotal: 2 });
    expect(of('Ann')).toMatchObject({ introducedByLevel: [1, 1, 0, 0, 0], introducedTotal: 2 });
  });

  it('cuts a large graph at 200 nodes and says so', async () => {
    await t.ctx.db.withTenant(tenantId, async (tx) => {
      await sql`
        INSERT INTO members (tenant_id, member_id, card_number, name, source)
        SELECT ${tenantId}, gen_random_uuid(), 'HUB' || i, 'Fan ' || i, 'staff'
          FROM generate_series(1, 210) i`.execute(tx);
      await sql`
        INSERT INTO relations (tenant_id, relation_id, member_id, kind, related_member_id)
        SELECT ${tenantId}, gen_random_uuid(), member_id, 'introduced_by', ${m.Eve}
          FROM members WHERE name LIKE 'Fan %'`.execute(tx);
    });
    const g = await get(`/api/members/${m.Eve}/graph?depth=1`);
    expect(g.truncated).toBe(true);
    expect(g.nodes).toHaveLength(200);
    expect(g.nodes[0]).toMatchObject({ id: m.Eve, depth: 0 });
    const ids = new Set(g.nodes.map((n: Json) => n.id));
    for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    const ranked = await get('/api/members/influence?limit=1');
    expect(ranked[0]).toMatchObject({ name: 'Eve', introducedTotal: 210 });
  });
});
