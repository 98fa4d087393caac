import {
  PERMISSIONS,
  SYSTEM_ROLE_KEYS,
  SYSTEM_ROLES,
  type Permission,
  type SystemRoleKey,
} from '@regulars/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type Caller, type TestApp } from '../../../../test/app';
import { expectError } from '../../../../test/expect-error';
import { ROUTES, password, type Fixture, type Json, type Outcome, type Rule } from './role-matrix';

/**
 * Seed 003, slide 90, written out by hand: if the roles in the code drift from the slide, or a new
 * permission appears without a decision about who holds it, this table and the code disagree.
 */
const SLIDE_90: Record<SystemRoleKey, Permission[]> = {
  admin: [
    'members.browse',
    'members.add',
    'members.modify',
    'members.delete',
    'members.import',
    'members.export',
    'contacts.view',
    'notes.edit_others',
    'messages.send_single',
    'messages.send_batch',
    'settings.maintain',
    'audit.view',
    'calls.report',
    'templates.manage',
    'loyalty.configure',
    'points.adjust',
    'pos.transact',
  ],
  customer_manager: [
    'members.browse',
    'members.add',
    'members.modify',
    'members.delete',
    'members.import',
    'members.export',
    'contacts.view',
    'messages.send_single',
    'points.adjust',
    'pos.transact',
  ],
  marketing_manager: [
    'members.browse',
    'members.add',
    'members.modify',
    'members.delete',
    'members.import',
    'members.export',
    'contacts.view',
    'messages.send_single',
    'messages.send_batch',
    'notes.edit_others',
    'points.adjust',
    'pos.transact',
    'templates.manage',
    'loyalty.configure',
  ],
  customer_assistant: ['members.browse', 'members.add', 'members.modify', 'pos.transact'],
};

/** A custom role and an API key, each with a chosen subset, to show those are honoured too. */
const AUDITOR_PERMISSIONS: Permission[] = ['audit.view'];
const API_KEY_PERMISSIONS: Permission[] = ['members.browse', 'settings.maintain'];

type Who = {
  kind: 'anonymous' | 'staff' | 'api_key';
  permissions: readonly Permission[];
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
};
const CALLERS = [
  'anonymous',
  ...SYSTEM_ROLE_KEYS,
  'custom role (audit.view)',
  'API key (members.browse, settings.maintain)',
] as const;
type CallerName = (typeof CALLERS)[number];

function expected(rule: Rule, who: Who): Outcome {
  const reached = rule.reached ?? { status: 200 };
  if (rule.access === 'public') return reached;
  if (who.kind === 'anonymous') return { status: 401, code: 'auth.required' };
  if (rule.sessionOnly && who.kind === 'api_key')
    return { status: 403, code: 'auth.session_required' };
  const allowed = rule.access === 'authenticated' || who.permissions.includes(rule.access);
  if (allowed && rule.alsoNeeds && !who.permissions.includes(rule.alsoNeeds))
    return { status: 403, code: 'permission.denied' };
  if (allowed) return reached;
  return { status: 403, code: 'permission.denied' };
}

let t: TestApp;
let fx: Fixture;
const callers = new Map<CallerName, Who>();

beforeAll(async () => {
  t = await createTestApp();
  const seeded = await seedTenant(t.ctx, 'matrix');
  const setupAdmin = await signIn(t.app, 'matrix', seeded.emails.admin);
  let n = 0;
  const call = async (c: Caller, opts: InjectOptions) => {
    const res = await c.inject(opts);
    if (res.statusCode !== 200) throw new Error(`${opts.method} ${opts.url}: ${res.body}`);
    return res.json<Json>();
  };
  const create = (url: string, payload: object) =>
    call(setupAdmin, { method: 'POST', url, payload });

  const auditor = await create('/api/roles', { name: 'Auditor', permissions: AUDITOR_PERMISSIONS });
  await create('/api/staff', {
    name: 'Auditor',
    email: 'auditor@matrix.test',
    roleId: auditor.roleId,
    password,
  });
  const target = await create('/api/staff', {
    name: 'Colleague',
    email: 'colleague@matrix.test',
    roleId: seeded.roleIds.customer_assistant,
    password,
  });
  const customRole = await create('/api/roles', { name: 'Editable', permissions: [] });
  const key = await create('/api/api-keys', { name: 'POS', permissions: API_KEY_PERMISSIONS });
  const member = await create('/api/members', { name: 'Regular', phone: '0912-345-678' });
  await create('/api/custom-fields', {
    key: 'favourite',
    label: { 'zh-CN': '最爱', 'zh-TW': '最愛', en: 'Favourite' },
    type: 'text',
  });

  const category = await create('/api/product-categories', { name: 'Sauces' });
  const product = await create('/api/products', {
    sku: 'SAUCE-1',
    name: 'Sa-cha sauce',
    priceMinor: 12000,
  });
  const purchase = await create('/api/purchases', {
    memberId: member.memberId,
    lines: [{ sku: 'SAUCE-1', unitPriceMinor: 12000 }],
  });

  fx = {
    slug: 'matrix',
    categoryId: category.categoryId,
    productId: product.productId,
    purchaseId: purchase.purchaseId,
    storeIds: seeded.storeIds,
    roleIds: seeded.roleIds,
    customRoleId: customRole.roleId,
    targetStaffId: target.staffId,
    memberId: member.memberId,
    next: () => ++n,
    read: (url) => call(setupAdmin, { url }),
    create,
  };

  callers.set('anonymous', { kind: 'anonymous', permissions: [], inject: (o) => t.app.inject(o) });
  for (const role of SYSTEM_ROLE_KEYS) {
    const c = await signIn(t.app, 'matrix', seeded.emails[role]);
    callers.set(role, { kind: 'staff', permissions: SLIDE_90[role], inject: c.inject });
  }
  const a = await signIn(t.app, 'matrix', 'auditor@matrix.test');
  callers.set('custom role (audit.view)', {
    kind: 'staff',
    permissions: AUDITOR_PERMISSIONS,
    inject: a.inject,
  });
  callers.set('API key (members.browse, settings.maintain)', {
    kind: 'api_key',
    permissions: API_KEY_PERMISSIONS,
    inject: (o) =>
      t.app.inject({
        ...o,
        headers: { ...o.headers, authorization: `Bearer ${key.secret as string}` },
      }),
  });
});
afterAll(() => t.close());

describe('the roles of seed 003 slide 90', () => {
  it.each(SYSTEM_ROLE_KEYS)('%s holds exactly the permissions of the slide', (role) => {
    expect([...SYSTEM_ROLES[role].permissions].sort()).toEqual([...SLIDE_90[role]].sort());
  });

  it('gives the administrator every permission there is', () => {
    expect([...SLIDE_90.admin].sort()).toEqual([...PERMISSIONS].sort());
  });

  it.each(SYSTEM_ROLE_KEYS)(
    'a signed-in %s gets those permissions in the session',
    async (role) => {
      const res = await callers.get(role)!.inject({ url: '/api/auth/session' });
      expect(res.statusCode).toBe(200);
      expect([...res.json().permissions].sort()).toEqual([...SLIDE_90[role]].sort());
    },
  );

  it('lists the built-in roles with the same permissions', async () => {
    const roles = (await fx.read('/api/roles')) as Json[];
    for (const role of SYSTEM_ROLE_KEYS) {
      const listed = roles.find((r) => r.systemKey === role);
      expect([...listed!.permissions].sort(), role).toEqual([...SLIDE_90[role]].sort());
    }
  });
});

describe('route × caller', () => {
  it('has a rule in the table for every registered route, and no other', () => {
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(registered).size, 'a route is registered twice').toBe(registered.length);
    const declared = Object.fromEntries(
      t.app.apiRoutes.map((r) => [`${r.method} ${r.url}`, r.access]),
    );
    const table = Object.fromEntries(Object.entries(ROUTES).map(([k, r]) => [k, r.access]));
    expect(declared).toEqual(table);
  });

  // Sign-out ends the caller's session, so it runs after everything else.
  const order = Object.keys(ROUTES).sort(
    (a, b) => Number(a === 'POST /api/auth/sign-out') - Number(b === 'POST /api/auth/sign-out'),
  );
  const cases = order.flatMap((route) => CALLERS.map((caller) => [route, caller] as const));

  it.each(cases)('%s as %s', async (route, callerName) => {
    const rule = ROUTES[route]!;
    const who = callers.get(callerName)!;
    const [method, path] = route.split(' ') as [InjectOptions['method'], string];
    const req = await rule.request(fx);
    const pattern = new RegExp(`^${path.replace(/:\w+/g, '[^/]+')}$`);
    expect(req.url.split('?')[0], 'the sample request is for this route').toMatch(pattern);
    const res = await who.inject({
      method,
      url: req.url,
      payload: req.payload as InjectOptions['payload'],
    });
    const want = expected(rule, who);
    if (want.code) {
      const error = expectError(res, want.status, want.code);
      if (want.code === 'permission.denied') {
        const missing = who.permissions.includes(rule.access as Permission)
          ? rule.alsoNeeds
          : rule.access;
        expect(error.message).toContain(missing);
      }
    } else {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(want.status);
    }
  });
});
