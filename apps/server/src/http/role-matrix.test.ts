import {
  PERMISSIONS,
  SYSTEM_ROLE_KEYS,
  SYSTEM_ROLES,
  StoreUpdate,
  TenantSettingsUpdate,
  type Access,
  type Permission,
  type SystemRoleKey,
} from '@regulars/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type Caller, type TestApp } from '../../../../test/app';
import { expectError } from '../../../../test/expect-error';

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
  ],
  customer_assistant: ['members.browse', 'members.add', 'members.modify'],
};

/** A custom role and an API key, each with a chosen subset, to show those are honoured too. */
const AUDITOR_PERMISSIONS: Permission[] = ['audit.view'];
const API_KEY_PERMISSIONS: Permission[] = ['members.browse', 'settings.maintain'];

type Req = { url: string; payload?: unknown };
type Outcome = { status: number; code?: string };
type Rule = {
  access: Access;
  /** A syntactically valid request, built fresh for each call (versions move, ids get used). */
  request: (fx: Fixture) => Req | Promise<Req>;
  /** What a caller who may call the route gets back; 200 unless said. */
  reached?: Outcome;
  /** Works on a staff session only: an API key, although authenticated, is told to sign in. */
  sessionOnly?: true;
  /** A second permission the row in the sample request needs (someone else's note). */
  alsoNeeds?: Permission;
};

/**
 * Every /api route, who may call it, and a request to call it with. The test fails when the app
 * registers a route that is not here, or declares another access than this table says.
 */
const ROUTES: Record<string, Rule> = {
  'GET /api/health': { access: 'public', request: () => ({ url: '/api/health' }) },
  'GET /api/setup/status': { access: 'public', request: () => ({ url: '/api/setup/status' }) },
  'POST /api/setup': {
    access: 'public',
    request: () => ({
      url: '/api/setup',
      payload: {
        business: { name: 'Another shop', slug: 'another-shop', defaultLanguage: 'en' },
        admin: { name: 'Someone', email: 'someone@another.test', password: 'long enough pw' },
      },
    }),
    reached: { status: 409, code: 'setup.already_done' },
  },
  'POST /api/setup/demo': {
    access: 'public',
    request: () => ({ url: '/api/setup/demo' }),
    reached: { status: 409, code: 'setup.already_done' },
  },
  'POST /api/auth/sign-in': {
    access: 'public',
    request: (fx) => ({
      url: '/api/auth/sign-in',
      payload: { businessCode: fx.slug, email: `customer_assistant@${fx.slug}.test`, password },
    }),
  },
  'POST /api/auth/sign-out': {
    access: 'authenticated',
    request: () => ({ url: '/api/auth/sign-out' }),
    sessionOnly: true,
  },
  'GET /api/auth/session': {
    access: 'authenticated',
    request: () => ({ url: '/api/auth/session' }),
    sessionOnly: true,
  },
  'PUT /api/auth/session/store': {
    access: 'authenticated',
    request: (fx) => ({ url: '/api/auth/session/store', payload: { storeId: fx.storeIds[1] } }),
    sessionOnly: true,
  },
  'GET /api/settings': { access: 'authenticated', request: () => ({ url: '/api/settings' }) },
  'PUT /api/settings': {
    access: 'settings.maintain',
    request: async (fx) => {
      const current = fieldsOf(TenantSettingsUpdate, await fx.read('/api/settings'));
      return { url: '/api/settings', payload: { ...current, name: `Shop ${fx.next()}` } };
    },
  },
  'GET /api/stores': { access: 'authenticated', request: () => ({ url: '/api/stores' }) },
  'GET /api/stores/:id': {
    access: 'authenticated',
    request: (fx) => ({ url: `/api/stores/${fx.storeIds[0]}` }),
  },
  'POST /api/stores': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/stores',
      payload: { code: `S${fx.next()}`, name: 'New store' },
    }),
  },
  'PUT /api/stores/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const url = `/api/stores/${fx.storeIds[1]}`;
      const current = fieldsOf(StoreUpdate, await fx.read(url));
      return { url, payload: { ...current, name: `Store ${fx.next()}` } };
    },
  },
  'GET /api/permissions': {
    access: 'settings.maintain',
    request: () => ({ url: '/api/permissions' }),
  },
  'GET /api/roles': { access: 'settings.maintain', request: () => ({ url: '/api/roles' }) },
  'GET /api/roles/:id': {
    access: 'settings.maintain',
    request: (fx) => ({ url: `/api/roles/${fx.customRoleId}` }),
  },
  'POST /api/roles': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/roles',
      payload: { name: `Role ${fx.next()}`, permissions: ['members.browse'] },
    }),
  },
  'PUT /api/roles/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const url = `/api/roles/${fx.customRoleId}`;
      const { version } = await fx.read(url);
      return { url, payload: { name: `Role ${fx.next()}`, permissions: ['audit.view'], version } };
    },
  },
  'DELETE /api/roles/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const role = await fx.create('/api/roles', { name: `Doomed ${fx.next()}`, permissions: [] });
      return { url: `/api/roles/${role.roleId}` };
    },
  },
  'GET /api/staff': { access: 'settings.maintain', request: () => ({ url: '/api/staff' }) },
  'GET /api/staff/directory': {
    access: 'members.browse',
    request: () => ({ url: '/api/staff/directory' }),
  },
  'GET /api/staff/:id': {
    access: 'settings.maintain',
    request: (fx) => ({ url: `/api/staff/${fx.targetStaffId}` }),
  },
  'POST /api/staff': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/staff',
      payload: {
        name: 'New colleague',
        email: `new${fx.next()}@${fx.slug}.test`,
        roleId: fx.roleIds.customer_assistant,
        password,
      },
    }),
  },
  'PUT /api/staff/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const url = `/api/staff/${fx.targetStaffId}`;
      const s = await fx.read(url);
      return {
        url,
        payload: {
          name: `Colleague ${fx.next()}`,
          email: s.email,
          roleId: s.roleId,
          storeIds: s.storeIds,
          phoneExtension: s.phoneExtension,
          language: s.language,
          active: true,
          version: s.version,
        },
      };
    },
  },
  'GET /api/api-keys': { access: 'settings.maintain', request: () => ({ url: '/api/api-keys' }) },
  'POST /api/api-keys': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/api-keys',
      payload: { name: `Till ${fx.next()}`, permissions: ['members.browse'] },
    }),
  },
  'DELETE /api/api-keys/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const made = await fx.create('/api/api-keys', {
        name: `Old till ${fx.next()}`,
        permissions: ['members.browse'],
      });
      return { url: `/api/api-keys/${made.apiKey.apiKeyId}` };
    },
  },
  'GET /api/members': {
    access: 'members.browse',
    request: () => ({ url: '/api/members?q=Regular&limit=5' }),
  },
  'POST /api/members': {
    access: 'members.add',
    request: (fx) => ({ url: '/api/members', payload: { name: `Regular ${fx.next()}` } }),
  },
  'GET /api/members/:id': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}` }),
  },
  'GET /api/members/:id/contact': {
    access: 'contacts.view',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/contact` }),
  },
  'GET /api/members/:id/card': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/card` }),
  },
  'PATCH /api/members/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const url = `/api/members/${fx.memberId}`;
      const { version } = await fx.read(url);
      return { url, payload: { address: `No. ${fx.next()}, Main Street`, version } };
    },
  },
  'PUT /api/members/:id/consents/:channel': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/consents/email`,
      payload: { granted: fx.next() % 2 === 0 },
    }),
  },
  'DELETE /api/members/:id': {
    access: 'members.delete',
    request: async (fx) => {
      const member = await fx.create('/api/members', { name: `Leaving ${fx.next()}` });
      return { url: `/api/members/${member.memberId}` };
    },
  },
  'GET /api/product-categories': {
    access: 'members.browse',
    request: () => ({ url: '/api/product-categories' }),
  },
  'POST /api/product-categories': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/product-categories',
      payload: { name: `Category ${fx.next()}` },
    }),
  },
  'PUT /api/product-categories/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const all = (await fx.read('/api/product-categories')) as Json[];
      const { version } = all.find((c) => c.categoryId === fx.categoryId)!;
      return {
        url: `/api/product-categories/${fx.categoryId}`,
        payload: { name: `Sauces ${fx.next()}`, version },
      };
    },
  },
  'GET /api/products': {
    access: 'members.browse',
    request: () => ({ url: '/api/products?q=sauce' }),
  },
  'GET /api/products/:id': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/products/${fx.productId}` }),
  },
  'POST /api/products': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/products',
      payload: { sku: `SKU-${fx.next()}`, name: 'Tofu', priceMinor: 3000 },
    }),
  },
  'PATCH /api/products/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const { version } = await fx.read(`/api/products/${fx.productId}`);
      return {
        url: `/api/products/${fx.productId}`,
        payload: { priceMinor: 12000 + fx.next(), version },
      };
    },
  },
  'POST /api/purchases': {
    access: 'members.modify',
    request: (fx) => ({
      url: '/api/purchases',
      payload: {
        memberId: fx.memberId,
        lines: [{ name: 'Rice', unitPriceMinor: 1000 + fx.next() }],
      },
    }),
  },
  'GET /api/purchases/:id': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/purchases/${fx.purchaseId}` }),
  },
  'GET /api/members/:id/purchases': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/purchases` }),
  },
  'GET /api/members/:id/timeline': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/timeline` }),
  },
  'GET /api/members/:id/notes': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/notes` }),
  },
  'POST /api/members/:id/notes': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/notes`,
      payload: { body: `Likes it mild (${fx.next()})` },
    }),
  },
  'PATCH /api/notes/:id': {
    access: 'members.modify',
    alsoNeeds: 'notes.edit_others',
    request: async (fx) => {
      const note = await fx.create(`/api/members/${fx.memberId}/notes`, {
        body: 'by the administrator',
      });
      return {
        url: `/api/notes/${note.noteId}`,
        payload: { body: 'edited', version: note.version },
      };
    },
  },
  'DELETE /api/notes/:id': {
    access: 'members.modify',
    alsoNeeds: 'notes.edit_others',
    request: async (fx) => {
      const note = await fx.create(`/api/members/${fx.memberId}/notes`, {
        body: 'by the administrator',
      });
      return { url: `/api/notes/${note.noteId}` };
    },
  },
  'POST /api/notes/:id/attachments': {
    access: 'members.modify',
    alsoNeeds: 'notes.edit_others',
    request: async (fx) => {
      const note = await fx.create(`/api/members/${fx.memberId}/notes`, { body: 'with a file' });
      return {
        url: `/api/notes/${note.noteId}/attachments?filename=a.txt`,
        payload: Buffer.from('hello'),
      };
    },
  },
  'GET /api/attachments/:id': {
    access: 'members.browse',
    request: async (fx) => {
      const notes = (await fx.read(`/api/members/${fx.memberId}/notes`)) as Json[];
      const withFile = notes.find((n) => n.attachments.length > 0);
      if (withFile) return { url: `/api/attachments/${withFile.attachments[0].attachmentId}` };
      return { url: '/api/attachments/00000000-0000-4000-8000-000000000000' };
    },
    reached: { status: 200 },
  },
  'GET /api/tasks': { access: 'members.browse', request: () => ({ url: '/api/tasks?mine=true' }) },
  'POST /api/tasks': {
    access: 'members.modify',
    request: (fx) => ({
      url: '/api/tasks',
      payload: { memberId: fx.memberId, title: `Call back ${fx.next()}` },
    }),
  },
  'PATCH /api/tasks/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const task = await fx.create('/api/tasks', {
        memberId: fx.memberId,
        title: 'Thank-you call',
      });
      return {
        url: `/api/tasks/${task.taskId}`,
        payload: { status: 'done', version: task.version },
      };
    },
  },
  'GET /api/members/:id/anniversaries': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/anniversaries` }),
  },
  'POST /api/members/:id/anniversaries': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/anniversaries`,
      payload: { kind: 'wedding', date: '2015-10-10' },
    }),
  },
  'DELETE /api/anniversaries/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const a = await fx.create(`/api/members/${fx.memberId}/anniversaries`, {
        kind: 'other',
        date: '2020-01-01',
      });
      return { url: `/api/anniversaries/${a.anniversaryId}` };
    },
  },
  'GET /api/members/:id/relations': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/relations` }),
  },
  'POST /api/members/:id/relations': {
    access: 'members.modify',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/relations`,
      payload: { kind: 'friend', contactName: `Friend ${fx.next()}` },
    }),
  },
  'DELETE /api/relations/:id': {
    access: 'members.modify',
    request: async (fx) => {
      const r = await fx.create(`/api/members/${fx.memberId}/relations`, {
        kind: 'other',
        contactName: 'Neighbour',
      });
      return { url: `/api/relations/${r.relationId}` };
    },
  },
  'GET /api/custom-fields': {
    access: 'members.browse',
    request: () => ({ url: '/api/custom-fields' }),
  },
  'POST /api/custom-fields': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/custom-fields',
      payload: {
        key: `field_${fx.next()}`,
        label: { 'zh-CN': '喜好', 'zh-TW': '喜好', en: 'Likes' },
        type: 'text',
      },
    }),
  },
  'PUT /api/custom-fields/:key': {
    access: 'settings.maintain',
    request: async (fx) => {
      const fields = (await fx.read('/api/custom-fields')) as Json[];
      const field = fields.find((f) => f.key === 'favourite')!;
      return {
        url: '/api/custom-fields/favourite',
        payload: {
          label: field.label,
          position: fx.next() % 100,
          active: true,
          version: field.version,
        },
      };
    },
  },
  'POST /api/imports': {
    access: 'members.import',
    request: () => ({ url: '/api/imports?fileName=m.csv', payload: importFile() }),
  },
  'GET /api/imports': { access: 'members.import', request: () => ({ url: '/api/imports' }) },
  'GET /api/imports/template': {
    access: 'members.import',
    request: () => ({ url: '/api/imports/template?format=csv' }),
  },
  'GET /api/imports/:id': {
    access: 'members.import',
    request: async (fx) => ({ url: `/api/imports/${await uploaded(fx)}` }),
  },
  'POST /api/imports/:id/start': {
    access: 'members.import',
    request: async (fx) => ({
      url: `/api/imports/${await uploaded(fx)}/start`,
      payload: { mapping: ['name', 'phone'], matchBy: 'phone', dryRun: true },
    }),
  },
  'GET /api/imports/:id/rejects': {
    access: 'members.import',
    request: async (fx) => ({ url: `/api/imports/${await uploaded(fx)}/rejects` }),
  },
  'GET /api/imports/:id/rejects.csv': {
    access: 'members.import',
    request: async (fx) => ({ url: `/api/imports/${await uploaded(fx)}/rejects.csv` }),
  },
  'GET /api/members/export': {
    access: 'members.export',
    request: () => ({ url: '/api/members/export?format=csv&tag=VIP' }),
  },
  'GET /api/members/:id/data': {
    access: 'members.export',
    alsoNeeds: 'contacts.view',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/data` }),
  },
  'GET /api/caller-id': {
    access: 'members.browse',
    request: () => ({ url: '/api/caller-id?phone=0912-345-678' }),
  },
  'POST /api/calls': {
    access: 'calls.report',
    request: () => ({ url: '/api/calls', payload: { callerNumber: '0912345678', extension: '8' } }),
  },
  'GET /api/calls': { access: 'members.browse', request: () => ({ url: '/api/calls?limit=5' }) },
  'GET /api/calls/stream': {
    access: 'members.browse',
    request: () => ({ url: '/api/calls/stream' }),
    // Nobody here has a phone extension, so the stream is refused before it starts.
    reached: { status: 409, code: 'calls.no_extension' },
    sessionOnly: true,
  },
  'GET /api/members/duplicates': {
    access: 'members.browse',
    request: () => ({ url: '/api/members/duplicates?limit=5' }),
  },
  'POST /api/members/:id/merge': {
    access: 'members.delete',
    request: async (fx) => {
      const keep = await fx.create('/api/members', { name: `Twin ${fx.next()}` });
      const dup = await fx.create('/api/members', { name: `Twin ${fx.next()}` });
      return {
        url: `/api/members/${keep.memberId}/merge`,
        payload: {
          duplicateId: dup.memberId,
          version: keep.version,
          duplicateVersion: dup.version,
        },
      };
    },
  },
  'GET /api/members/:id/graph': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/graph?depth=2` }),
  },
  'GET /api/members/influence': {
    access: 'members.browse',
    request: () => ({ url: '/api/members/influence?by=centrality' }),
  },
  'GET /api/demo/progress': {
    access: 'authenticated',
    request: () => ({ url: '/api/demo/progress' }),
  },
  'GET /api/audit-log': {
    access: 'audit.view',
    request: () => ({ url: '/api/audit-log?limit=5' }),
  },
};

const password = 'correct horse battery';
/** A small member file, and a fresh upload of it by the administrator (its import id). */
const importFile = () => Buffer.from('Name,Mobile\r\nImported,0912000333\r\n');
const uploaded = async (fx: Fixture) =>
  (await fx.create('/api/imports?fileName=m.csv', importFile())).importId as string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

/** The fields of `row` that an update schema takes: a read turned into a valid write. */
const fieldsOf = (schema: { shape: object }, row: Json): Json =>
  Object.fromEntries(
    Object.keys(schema.shape)
      .filter((k) => k in row)
      .map((k) => [k, row[k]]),
  );
type Fixture = {
  slug: string;
  storeIds: string[];
  roleIds: Record<SystemRoleKey, string>;
  customRoleId: string;
  targetStaffId: string;
  memberId: string;
  categoryId: string;
  productId: string;
  purchaseId: string;
  next(): number;
  /** GET as an administrator who is never signed out by the matrix. */
  read(url: string): Promise<Json>;
  /** POST as that administrator. */
  create(url: string, payload: object): Promise<Json>;
};

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
