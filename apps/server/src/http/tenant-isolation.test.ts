import {
  CustomFieldUpdate,
  EarningRuleUpdate,
  PERMISSIONS,
  StaffUpdate,
  StoreUpdate,
} from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type Caller, type TestApp } from '../../../../test/app';
import { ownerQuery, snapshot } from '../../../../test/db-snapshot';
import { expectError } from '../../../../test/expect-error';
import { LOYALTY_TABLES, seedLoyalty } from '../modules/loyalty/pos/isolation-seed';
import { seedMessaging } from '../modules/messaging/test-helpers';
import { seedWebhooks } from '../modules/webhooks/test-helpers';
import { rewardsBodyFor, seedRewards } from '../modules/loyalty/test-kit/isolation-seed';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies
type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

/** The fields of `row` that an update schema takes: a read turned into a valid write. */
const fieldsOf = (schema: { shape: object }, row: Json): Json =>
  Object.fromEntries(
    Object.keys(schema.shape)
      .filter((k) => k in row)
      .map((k) => [k, row[k]]),
  );

/** One business with data of every kind, as its administrator and its API key see it. */
type Side = {
  slug: string;
  tenantId: string;
  admin: Caller;
  key: Inject;
  storeId: string;
  roleId: string;
  customRoleId: string;
  staffId: string;
  apiKeyId: string;
  memberId: string;
  fieldKey: string;
  categoryId: string;
  productId: string;
  purchaseId: string;
  noteId: string;
  attachmentId: string;
  taskId: string;
  anniversaryId: string;
  relationId: string;
  importId: string;
  messaging: Awaited<ReturnType<typeof seedMessaging>>;
  rewards: Awaited<ReturnType<typeof seedRewards>>;
  loyalty: Awaited<ReturnType<typeof seedLoyalty>>;
  webhooks: Awaited<ReturnType<typeof seedWebhooks>>;
  /** Every id and name of this tenant that must never appear in the other's answers. */
  marks: string[];
};

/** Tables each tenant has rows in after set-up, so "sees nothing" is never vacuous. */
const POPULATED = [
  ...LOYALTY_TABLES,
  'tenants',
  'stores',
  'roles',
  'staff',
  'sessions',
  'api_keys',
  'audit_log',
  'domain_events',
  'event_deliveries',
  'idempotency_keys',
  'tenant_counters',
  'custom_fields',
  'members',
  'member_consent_history',
  'product_categories',
  'products',
  'purchases',
  'purchase_lines',
  'member_stats',
  'notes',
  'note_attachments',
  'tasks',
  'anniversaries',
  'relations',
  'calls',
  'messaging_settings',
  'message_templates',
  'message_deliveries',
  'message_blocks',
  'message_cap_reservations',
  'inbound_messages',
  'email_bounces',
  'tier_settings',
  'tiers',
  'member_tiers',
  'tier_history',
  'rewards',
  'reward_rules',
  'coupons',
  'badges',
  'missions',
  'mission_steps',
  'mission_completions',
  'member_badges',
  'games',
  'game_prizes',
  'game_draws',
  'webhook_endpoints',
  'webhook_deliveries',
];
/** Tables outside the tenant rule, and why. */
const NOT_TENANT_TABLES = { schema_migrations: 'the migration history of the installation' };

const password = 'correct horse battery';
let t: TestApp;
let A: Side;
let B: Side;

async function ok<T = Json>(res: LightMyRequestResponse): Promise<T> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json<T>();
}

async function makeSide(slug: string): Promise<Side> {
  const seeded = await seedTenant(t.ctx, slug);
  const admin = await signIn(t.app, slug, seeded.emails.admin);
  const post = (url: string, payload: object) =>
    admin.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'idempotency-key': `${slug}-${url}` },
    });
  const store = await ok(await post('/api/stores', { code: 'EXTRA', name: `Extra ${slug}` }));
  const role = await ok(
    await post('/api/roles', { name: 'Cashier', permissions: ['members.browse'] }),
  );
  const staff = await ok(
    await post('/api/staff', {
      name: `Cashier of ${slug}`,
      email: `cashier@${slug}.test`,
      roleId: role.roleId,
      storeIds: [store.storeId],
      password,
    }),
  );
  const made = await ok(
    await post('/api/api-keys', {
      name: `POS ${slug}`,
      storeId: store.storeId,
      permissions: [...PERMISSIONS], // may call every route: only the tenant stops it
    }),
  );
  const member = await ok(
    await post('/api/members', {
      name: `Regular of ${slug}`,
      phone: slug === 'alpha' ? '0912-345-678' : '0933-222-111',
      email: `regular@${slug}.test`,
      consents: { sms: true },
    }),
  );
  const fieldKey = `${slug}_likes`;
  await ok(
    await post('/api/custom-fields', {
      key: fieldKey,
      label: { 'zh-CN': '喜好', 'zh-TW': '喜好', en: 'Likes' },
      type: 'text',
    }),
  );
  const category = await ok(await post('/api/product-categories', { name: `Sauces ${slug}` }));
  const product = await ok(
    await post('/api/products', {
      sku: `SKU-${slug}`,
      name: `Sauce ${slug}`,
      priceMinor: 100,
      categoryId: category.categoryId,
    }),
  );
  const purchase = await ok(
    await post('/api/purchases', {
      memberId: member.memberId,
      externalId: `POS-${slug}`,
      lines: [{ sku: `SKU-${slug}`, unitPriceMinor: 100 }],
    }),
  );
  const note = await ok(
    await post(`/api/members/${member.memberId}/notes`, { body: `Note of ${slug}` }),
  );
  const withFile = await ok(
    await admin.inject({
      method: 'POST',
      url: `/api/notes/${note.noteId}/attachments?filename=${slug}.txt`,
      payload: Buffer.from(`file of ${slug}`),
    }),
  );
  const task = await ok(
    await post('/api/tasks', { memberId: member.memberId, title: `Task of ${slug}` }),
  );
  const anniversary = await ok(
    await post(`/api/members/${member.memberId}/anniversaries`, {
      kind: 'wedding',
      date: '2015-10-10',
    }),
  );
  const relation = await ok(
    await post(`/api/members/${member.memberId}/relations`, {
      kind: 'friend',
      contactName: `Friend of ${slug}`,
    }),
  );
  const upload = await ok(
    await admin.inject({
      method: 'POST',
      url: `/api/imports?fileName=members-${slug}.csv`,
      headers: { 'content-type': 'text/csv' },
      payload: `Name,Mobile\r\nImported of ${slug},0912000555\r\n`,
    }),
  );
  const key: Inject = (o) =>
    t.app.inject({ ...o, headers: { ...o.headers, authorization: `Bearer ${made.secret}` } });
  const call = await ok(
    await key({
      method: 'POST',
      url: '/api/calls',
      payload: { callerNumber: slug === 'alpha' ? '0912-345-678' : '0933-222-111', extension: '9' },
    }),
  );
  // A domain event and its delivery, so the event tables hold rows of both tenants as well.
  const subscriber = `isolation-${slug}`;
  t.ctx.events.subscribe({ name: subscriber, types: [`${slug}.happened`], handle: async () => {} });
  const eventId = await t.ctx.db.withTenant(seeded.tenantId, (tx) =>
    t.ctx.events.record(tx, seeded.tenantId, `${slug}.happened`, { slug }),
  );
  await t.ctx.events.deliver(seeded.tenantId, eventId);
  const messaging = await seedMessaging(t.ctx, seeded.tenantId, member.memberId, slug);
  const rewards = await seedRewards(t.ctx, admin, seeded.tenantId, member.memberId, slug);
  const loyalty = await seedLoyalty(admin, member.memberId, slug);
  const webhooks = await seedWebhooks(admin, slug);
  return {
    slug,
    tenantId: seeded.tenantId,
    loyalty,
    webhooks,
    admin,
    key,
    storeId: store.storeId,
    roleId: seeded.roleIds.customer_assistant,
    customRoleId: role.roleId,
    staffId: staff.staffId,
    apiKeyId: made.apiKey.apiKeyId,
    memberId: member.memberId,
    fieldKey,
    categoryId: category.categoryId,
    productId: product.productId,
    purchaseId: purchase.purchaseId,
    noteId: note.noteId,
    attachmentId: withFile.attachments[0].attachmentId,
    taskId: task.taskId,
    anniversaryId: anniversary.anniversaryId,
    relationId: relation.relationId,
    importId: upload.importId,
    messaging,
    rewards,
    marks: [
      ...loyalty.marks,
      ...webhooks.marks,
      ...messaging.marks,
      ...rewards.marks,
      upload.importId,
      `members-${slug}.csv`,
      `Imported of ${slug}`,
      category.categoryId,
      product.productId,
      `SKU-${slug}`,
      purchase.purchaseId,
      note.noteId,
      `Note of ${slug}`,
      task.taskId,
      `Task of ${slug}`,
      anniversary.anniversaryId,
      relation.relationId,
      `Friend of ${slug}`,
      member.memberId,
      `Regular of ${slug}`,
      fieldKey,
      seeded.tenantId,
      ...seeded.storeIds,
      ...Object.values(seeded.roleIds),
      ...seeded.staffIds,
      store.storeId,
      role.roleId,
      staff.staffId,
      made.apiKey.apiKeyId,
      made.apiKey.prefix,
      `Shop ${slug}`,
      `@${slug}.test`,
      eventId,
      call.callId,
    ],
  };
}

beforeAll(async () => {
  t = await createTestApp();
  A = await makeSide('alpha');
  B = await makeSide('bravo');
});
afterAll(() => t.close());

/** The route's URL with its parameters filled in with the given side's ids. */
function urlFor(url: string, side: Side): string {
  const ids: Record<string, string> = {
    '/api/stores/:id': side.storeId,
    '/api/roles/:id': side.customRoleId,
    '/api/staff/:id': side.staffId,
    '/api/api-keys/:id': side.apiKeyId,
    '/api/members/:id': side.memberId,
    '/api/custom-fields/:key': side.fieldKey,
    '/api/product-categories/:id': side.categoryId,
    '/api/products/:id': side.productId,
    '/api/purchases/:id': side.purchaseId,
    '/api/notes/:id': side.noteId,
    '/api/attachments/:id': side.attachmentId,
    '/api/tasks/:id': side.taskId,
    '/api/anniversaries/:id': side.anniversaryId,
    '/api/relations/:id': side.relationId,
    '/api/imports/:id': side.importId,
    '/api/tiers/:id': side.rewards.tierId,
    '/api/rewards/:id': side.rewards.rewardId,
    '/api/coupons/:id': side.rewards.couponId,
    '/api/missions/:id': side.rewards.missionId,
    '/api/games/:id': side.rewards.gameId,
    '/api/webhooks/:id': side.webhooks.endpointId,
    '/api/webhook-deliveries/:id': side.webhooks.deliveryId,
  };
  const filled = url.replace(/^(\/api\/[\w-]+\/:\w+)/, (head) => {
    const id = ids[head];
    if (!id) throw new Error(`no id of the other tenant for ${head}: add one to urlFor`);
    return id ? head.replace(/:\w+$/, id) : head;
  });
  // Further parameters name no row of their own (a consent channel); caller ID asks for B's number.
  return filled
    .replace(/^\/api\/caller-id$/, '/api/caller-id?phone=0933-222-111')
    .replace(
      /^\/api\/pos\/members$/, // the side's own member; other tenants: pos-lookup.test.ts
      `/api/pos/members?phone=${side.slug === 'alpha' ? '0912-345-678' : '0933-222-111'}`,
    )
    .replace(/:channel\b/, 'sms')
    .replace(/^\/api\/loyalty\/rules\/:id$/, `/api/loyalty/rules/${side.loyalty.ruleId}`)
    .replace(/\/unsubscribe\/:token$/, `/unsubscribe/${side.messaging.unsubscribeToken}`)
    .replace(
      /^\/api\/messaging\/templates\/:id$/,
      `/api/messaging/templates/${side.messaging.templateId}`,
    )
    .replace(/\/attachments$/, '/attachments?filename=x.txt');
}

/** A valid body for a write, made from the other tenant's own row so a leak would succeed. */
async function bodyFor(method: string, url: string, owner: Side): Promise<unknown> {
  if (method === 'GET' || method === 'DELETE') return undefined;
  const reward = rewardsBodyFor(method, url, owner.memberId);
  if (reward) return reward;
  if (url === '/api/members/:id/consents/:channel') return { granted: false };
  if (url === '/api/members/:id/notes') return { body: 'planted' };
  if (url === '/api/members/:id/points/adjustments') return { points: 1000, reason: 'planted' };
  if (url === '/api/loyalty/rules/:id') {
    const rules = await ok<Json[]>(await owner.admin.inject({ url: '/api/loyalty/rules' }));
    return { ...fieldsOf(EarningRuleUpdate, rules[0]!), name: 'Taken over' };
  }
  if (url === '/api/members/:id/messages') return { channel: 'sms', text: 'planted' };
  if (url === '/api/messaging/templates/:id')
    return {
      name: 'Taken over',
      category: 'marketing',
      variants: { en: { text: 'x' } },
      active: true,
      version: 1,
    };
  if (url === '/api/members/:id/merge')
    return { duplicateId: owner.memberId, version: 1, duplicateVersion: 1 };
  if (url === '/api/webhooks/:id')
    return { url: 'https://taken.example/over', eventTypes: ['member.created'], version: 1 };
  if (url.startsWith('/api/webhook')) return undefined; // rotate, test, redeliver: no body
  if (url === '/api/members/:id/anniversaries') return { kind: 'other', date: '2020-02-02' };
  if (url === '/api/members/:id/relations') return { kind: 'friend', contactName: 'Planted' };
  if (url === '/api/notes/:id/attachments') return Buffer.from('planted');
  if (url === '/api/notes/:id') return { body: 'Taken over', version: 1 };
  if (url === '/api/tasks/:id') return { status: 'cancelled', version: 1 };
  if (url === '/api/imports/:id/start') return { mapping: ['name', 'phone'], matchBy: 'phone' };
  if (url === '/api/product-categories/:id') return { name: 'Taken over', version: 1 };
  if (url === '/api/products/:id') return { name: 'Taken over', version: 1 };
  if (url === '/api/custom-fields/:key') {
    const fields = await ok<Json[]>(await owner.admin.inject({ url: '/api/custom-fields' }));
    const field = fields.find((f) => f.key === owner.fieldKey)!;
    return { ...fieldsOf(CustomFieldUpdate, field), active: false };
  }
  const row = await ok(await owner.admin.inject({ url: urlFor(url, owner) }));
  if (url === '/api/members/:id')
    return { name: 'Taken over', tags: ['mole'], version: row.version };
  if (url === '/api/stores/:id') {
    return { ...fieldsOf(StoreUpdate, row), name: 'Taken over' };
  }
  if (url === '/api/roles/:id')
    return { name: 'Taken over', permissions: ['settings.maintain'], version: row.version };
  if (url === '/api/staff/:id') {
    const taken = { name: 'Taken over', password: 'a new password 123', active: false };
    return { ...fieldsOf(StaffUpdate, row), ...taken };
  }
  throw new Error(`no body for ${method} ${url}: add one to bodyFor`);
}

/**
 * Public routes reached only through a signed token that names its business: nothing is read
 * before the signature checks out, and each has its own forged- and other-tenant-token tests.
 */
const SIGNED_LINKS: Record<string, string> = {
  '/api/sms/dlr': 'sms-callbacks.test.ts',
  '/api/sms/inbound': 'sms-callbacks.test.ts',
  '/api/messaging/unsubscribe/:token': 'email.test.ts',
};

const callersOf = (side: Side): [string, Inject][] => [
  ['session', side.admin.inject],
  ['API key', side.key],
];

describe("tenant A given tenant B's ids", () => {
  it('gets 404 not_found on every route with an id or key, and B is left as it was', async () => {
    // Public routes (unsubscribe links, callbacks) carry a signed token naming their tenant, not an id.
    const idRoutes = t.app.apiRoutes.filter((r) => /\/:\w+/.test(r.url) && r.access !== 'public');
    expect(idRoutes.length).toBeGreaterThanOrEqual(15);
    const before = await snapshot(t.url, { tenantId: B.tenantId });
    for (const [how, inject] of callersOf(A)) {
      for (const r of idRoutes) {
        const url = urlFor(r.url, B);
        const payload = await bodyFor(r.method, r.url, B);
        const res = await inject({ method: r.method as 'GET', url, payload: payload as object });
        const error = expectError(res, 404, 'not_found');
        expect(error.message, `${how} ${r.method} ${r.url}`).toMatch(/not found/);
      }
    }
    expect(await snapshot(t.url, { tenantId: B.tenantId })).toEqual(before);
  });

  it('never sees a trace of B in any GET answer', async () => {
    const gets = t.app.apiRoutes.filter((r) => r.method === 'GET');
    for (const [how, inject] of callersOf(A)) {
      for (const r of gets) {
        if (r.url === '/api/calls/stream') continue; // a stream: calls.sse.test.ts covers it
        if (r.url in SIGNED_LINKS) continue;
        const url = urlFor(r.url, A);
        const res = await inject({ url });
        if (how === 'API key' && r.url === '/api/auth/session') continue; // a session route
        expect(res.statusCode, `${how} GET ${url}: ${res.body.slice(0, 200)}`).toBe(200);
        for (const mark of B.marks) expect(res.body, `${how} GET ${url}`).not.toContain(mark);
      }
    }
  });

  it("lists only A's own rows", async () => {
    const stores = await ok<Json[]>(await A.admin.inject({ url: '/api/stores' }));
    expect(stores.map((s) => s.storeId)).toContain(A.storeId);
    const staff = await ok<Json[]>(await A.admin.inject({ url: '/api/staff' }));
    expect(staff.map((s) => s.staffId)).toContain(A.staffId);
    expect(staff.every((s) => s.email.endsWith('@alpha.test'))).toBe(true);
    const keys = await ok<Json[]>(await A.admin.inject({ url: '/api/api-keys' }));
    expect(keys.map((k) => k.apiKeyId)).toEqual([A.apiKeyId]);
    const audit = await ok(await A.admin.inject({ url: '/api/audit-log?limit=200' }));
    expect(audit.items.length).toBeGreaterThan(3);
    const byB = await ok(await A.admin.inject({ url: `/api/audit-log?entityId=${B.staffId}` }));
    expect(byB.items).toEqual([]);
  });

  it("cannot point A's rows at B's role or stores", async () => {
    const before = await snapshot(t.url);
    const staffBody = { name: 'Mole', email: 'mole@alpha.test', password };
    const cases: [InjectOptions, string][] = [
      [{ method: 'POST', url: '/api/staff', payload: { ...staffBody, roleId: B.roleId } }, 'role'],
      [
        {
          method: 'POST',
          url: '/api/staff',
          payload: { ...staffBody, roleId: A.roleId, storeIds: [A.storeId, B.storeId] },
        },
        'store',
      ],
      [
        {
          method: 'PUT',
          url: `/api/staff/${A.staffId}`,
          payload: {
            ...((await bodyFor('PUT', '/api/staff/:id', A)) as Json),
            roleId: B.customRoleId,
          },
        },
        'role',
      ],
      [
        {
          method: 'POST',
          url: '/api/api-keys',
          payload: { name: 'Mole', storeId: B.storeId, permissions: ['members.browse'] },
        },
        'store',
      ],
      [{ method: 'PUT', url: '/api/auth/session/store', payload: { storeId: B.storeId } }, 'store'],
    ];
    for (const [opts, entity] of cases) {
      const error = expectError(await A.admin.inject(opts), 404, 'not_found');
      expect(error.message, `${opts.method} ${opts.url}`).toContain(`This ${entity} was not found`);
    }
    expect(await snapshot(t.url)).toEqual(before);
  });

  it("cannot sign in to A with B's account", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { businessCode: 'alpha', email: 'admin@bravo.test', password },
    });
    expectError(res, 401, 'auth.invalid_credentials');
  });
});

describe('row-level security in the database', () => {
  type TableInfo = { name: string; rls: boolean; owner: string; policies: number; guarded: number };
  let tables: TableInfo[];

  beforeAll(async () => {
    tables = await ownerQuery<TableInfo>(
      t.url,
      `SELECT c.relname AS name, c.relrowsecurity AS rls, pg_get_userbyid(c.relowner) AS owner,
              (SELECT count(*)::int FROM pg_policies p
                WHERE p.schemaname = n.nspname AND p.tablename = c.relname) AS policies,
              (SELECT count(*)::int FROM pg_policies p
                WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.cmd = 'ALL'
                  AND p.qual LIKE '%tenant_id = current_tenant_id()%'
                  AND p.with_check LIKE '%tenant_id = current_tenant_id()%') AS guarded
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                         AND a.attname = 'tenant_id' AND NOT a.attisdropped)
        ORDER BY 1`,
    );
  });

  it('puts tenant_id on every table of the public schema', async () => {
    const all = await ownerQuery<{ name: string }>(
      t.url,
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const withTenant = new Set(tables.map((x) => x.name));
    const missing = all
      .map((x) => x.name)
      .filter((n) => !withTenant.has(n) && !(n in NOT_TENANT_TABLES));
    expect(missing).toEqual([]);
    for (const name of POPULATED) expect(withTenant).toContain(name);
  });

  it('enables RLS with the tenant policy on every tenant table, owned by someone else', async () => {
    for (const table of tables) {
      expect(table.rls, `${table.name}: row-level security`).toBe(true);
      expect(table.guarded, `${table.name}: tenant_isolation policy`).toBe(1);
      expect(table.policies, `${table.name}: no other, looser policy`).toBe(1);
      expect(table.owner, table.name).not.toBe('regulars_app');
    }
    const [role] = await ownerQuery<{ super: boolean; bypass: boolean }>(
      t.url,
      `SELECT rolsuper AS super, rolbypassrls AS bypass FROM pg_roles WHERE rolname = 'regulars_app'`,
    );
    expect(role).toEqual({ super: false, bypass: false });
  });

  it('returns nothing to the app role without the tenant setting', async () => {
    // Through the app's pool (connections that served tenants before) and a brand-new connection.
    const fresh = new pg.Client({ connectionString: t.url });
    await fresh.connect();
    try {
      await fresh.query('SET ROLE regulars_app');
      for (const { name } of tables) {
        const pooled = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(t.ctx.db.app);
        expect(pooled.rows[0]!.n, `${name} via the pool`).toBe(0);
        const raw = await fresh.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
        expect(raw.rows[0]!.n, `${name} on a new connection`).toBe(0);
      }
    } finally {
      await fresh.end();
    }
  });

  it('shows only that tenant with the setting, though both have rows', async () => {
    for (const { name } of tables) {
      const counts = await ownerQuery<{ a: number; b: number }>(
        t.url,
        `SELECT count(*) FILTER (WHERE tenant_id = $1)::int AS a,
                count(*) FILTER (WHERE tenant_id = $2)::int AS b FROM "${name}"`,
        [A.tenantId, B.tenantId],
      );
      const { a, b } = counts[0]!;
      if (POPULATED.includes(name)) {
        expect(a, `${name} has rows of A`).toBeGreaterThan(0);
        expect(b, `${name} has rows of B`).toBeGreaterThan(0);
      }
      const seen = await t.ctx.db.withTenant(A.tenantId, (tx) =>
        sql<{ n: number; foreign: number }>`
          SELECT count(*)::int AS n, count(*) FILTER (WHERE tenant_id <> ${A.tenantId})::int AS foreign
            FROM ${sql.table(name)}`.execute(tx),
      );
      expect(seen.rows[0], name).toEqual({ n: a, foreign: 0 });
    }
  });

  it("refuses to write B's rows while bound to A", async () => {
    const before = await snapshot(t.url, { tenantId: B.tenantId });
    const insert = t.ctx.db.withTenant(A.tenantId, (tx) =>
      sql`INSERT INTO stores (tenant_id, store_id, code, name)
          VALUES (${B.tenantId}, gen_random_uuid(), 'MOLE', 'Mole')`.execute(tx),
    );
    await expect(insert).rejects.toMatchObject({ code: '42501' });
    const move = t.ctx.db.withTenant(A.tenantId, (tx) =>
      sql`UPDATE stores SET tenant_id = ${B.tenantId} WHERE store_id = ${A.storeId}`.execute(tx),
    );
    await expect(move).rejects.toMatchObject({ code: '42501' });
    const touched = await t.ctx.db.withTenant(A.tenantId, async (tx) => {
      const u = await sql`UPDATE staff SET name = 'Mole' WHERE tenant_id = ${B.tenantId}`.execute(
        tx,
      );
      const d = await sql`DELETE FROM api_keys WHERE tenant_id = ${B.tenantId}`.execute(tx);
      return [u.numAffectedRows, d.numAffectedRows];
    });
    expect(touched).toEqual([0n, 0n]);
    expect(await snapshot(t.url, { tenantId: B.tenantId })).toEqual(before);
  });
});
