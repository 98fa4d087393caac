import { StaffUpdate, type SystemRoleKey } from '@regulars/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  TEST_PASSWORD as password,
  type Caller,
  type TestApp,
} from '../../../../test/app';
import { ownerQuery, snapshot } from '../../../../test/db-snapshot';
import { expectError } from '../../../../test/expect-error';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies
type Seeded = Awaited<ReturnType<typeof seedTenant>>;

let t: TestApp;
let shop: Seeded;
let admin: Caller;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedTenant(t.ctx, 'shop');
  admin = await signIn(t.app, 'shop', shop.emails.admin);
});
afterAll(() => t.close());

/** A sign-in attempt from its own address, so the per-address rate limit stays out of the way. */
const attempt = (email: string, pw: string, from = `10.0.0.${++address}`, businessCode = 'shop') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { businessCode, email, password: pw },
    remoteAddress: from,
  });

const staffIdOf = (s: Seeded, role: SystemRoleKey) =>
  s.staffIds[
    ['admin', 'customer_manager', 'marketing_manager', 'customer_assistant'].indexOf(role)
  ]!;

async function json(res: LightMyRequestResponse): Promise<Json> {
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json<Json>();
}

/** PUT /api/staff/:id with the account's current fields and the given changes. */
async function updateStaff(by: Caller, staffId: string, changes: Json) {
  const row = await json(await by.inject({ url: `/api/staff/${staffId}` }));
  const current = Object.fromEntries(
    Object.keys(StaffUpdate.shape)
      .filter((k) => k in row)
      .map((k) => [k, row[k]]),
  );
  return by.inject({
    method: 'PUT',
    url: `/api/staff/${staffId}`,
    payload: { ...current, ...changes },
  });
}

const auditOf = async (by: Caller, query: string): Promise<Json[]> =>
  (await json(await by.inject({ url: `/api/audit-log?limit=200&${query}` }))).items;

describe('lock-out after repeated failed sign-ins', () => {
  const threshold = () => t.ctx.config.lockoutThreshold;

  it(`locks the account at the threshold, even against the right password`, async () => {
    const email = shop.emails.customer_manager;
    for (let i = 1; i < threshold(); i++)
      expectError(await attempt(email, 'wrong password'), 401, 'auth.invalid_credentials');
    const locked = expectError(await attempt(email, 'wrong password'), 423, 'auth.locked');
    expect(locked.message).toContain(`${t.ctx.config.lockoutMinutes} minutes`);
    expectError(await attempt(email, password), 423, 'auth.locked');

    const staffId = staffIdOf(shop, 'customer_manager');
    expect((await json(await admin.inject({ url: `/api/staff/${staffId}` }))).locked).toBe(true);
    const entries = await auditOf(admin, `entityId=${staffId}&action=staff.locked`);
    expect(entries).toHaveLength(1);
  });

  it('unlocks by itself once the lock-out time has passed', async () => {
    const email = shop.emails.customer_manager;
    t.clock.advance((t.ctx.config.lockoutMinutes - 1) * 60_000);
    expectError(await attempt(email, password), 423, 'auth.locked');
    t.clock.advance(2 * 60_000);
    expect((await attempt(email, password)).statusCode).toBe(200);
  });

  it('is cleared at once by an administrator (unlock)', async () => {
    const email = shop.emails.marketing_manager;
    const staffId = staffIdOf(shop, 'marketing_manager');
    for (let i = 0; i < threshold(); i++) await attempt(email, 'wrong password');
    expectError(await attempt(email, password), 423, 'auth.locked');
    const res = await updateStaff(admin, staffId, { unlock: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().locked).toBe(false);
    expect((await attempt(email, password)).statusCode).toBe(200);
    const [entry] = await auditOf(admin, `entityId=${staffId}&action=staff.updated`);
    expect(entry!.after).toMatchObject({ unlocked: true });
  });

  it('counts only consecutive failures: a good sign-in starts the count again', async () => {
    const email = shop.emails.customer_assistant;
    for (let i = 1; i < threshold(); i++) await attempt(email, 'wrong password');
    expect((await attempt(email, password)).statusCode).toBe(200);
    for (let i = 1; i < threshold(); i++)
      expectError(await attempt(email, 'wrong password'), 401, 'auth.invalid_credentials');
    expect((await attempt(email, password)).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address (429 request.rate_limited)', async () => {
    const from = '10.9.9.9';
    let last: LightMyRequestResponse | null = null;
    for (let i = 0; i < 31; i++) last = await attempt('nobody@shop.test', 'x', from);
    expectError(last!, 429, 'request.rate_limited');
    expect((await attempt(shop.emails.admin, password)).statusCode).toBe(200); // another address
  });
});

describe('ending sessions', () => {
  it('sign-out revokes the session and clears the cookie', async () => {
    const caller = await signIn(t.app, 'shop', shop.emails.customer_assistant);
    const out = await caller.inject({ method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(200);
    const cleared = out.cookies.find((c) => c.name === 'regulars_session');
    expect(cleared?.value).toBe('');
    expectError(await caller.inject({ url: '/api/auth/session' }), 401, 'auth.required');
    expectError(await caller.inject({ url: '/api/stores' }), 401, 'auth.required');
    const staffId = staffIdOf(shop, 'customer_assistant');
    const entries = await auditOf(admin, `entityId=${staffId}&action=staff.signed_out`);
    expect(entries.length).toBeGreaterThan(0);
  });

  it('deactivating a staff member ends their sessions and sign-ins', async () => {
    const s = await seedTenant(t.ctx, 'deact');
    const boss = await signIn(t.app, 'deact', s.emails.admin);
    const staffId = staffIdOf(s, 'customer_assistant');
    const one = await signIn(t.app, 'deact', s.emails.customer_assistant);
    const two = await signIn(t.app, 'deact', s.emails.customer_assistant);
    expect((await updateStaff(boss, staffId, { active: false })).statusCode).toBe(200);
    for (const c of [one, two])
      expectError(await c.inject({ url: '/api/stores' }), 401, 'auth.required');
    const again = await attempt(s.emails.customer_assistant, password, undefined, 'deact');
    expectError(again, 401, 'auth.invalid_credentials');
    // Reactivated, the account signs in anew; the old sessions stay ended.
    expect((await updateStaff(boss, staffId, { active: true })).statusCode).toBe(200);
    expect(
      (await attempt(s.emails.customer_assistant, password, undefined, 'deact')).statusCode,
    ).toBe(200);
    expectError(await one.inject({ url: '/api/stores' }), 401, 'auth.required');
  });

  it('a password reset ends the sessions; only the new password works', async () => {
    const email = shop.emails.marketing_manager;
    const caller = await signIn(t.app, 'shop', email);
    const staffId = staffIdOf(shop, 'marketing_manager');
    const fresh = 'a brand new password';
    expect((await updateStaff(admin, staffId, { password: fresh })).statusCode).toBe(200);
    expectError(await caller.inject({ url: '/api/stores' }), 401, 'auth.required');
    expectError(await attempt(email, password), 401, 'auth.invalid_credentials');
    expect((await attempt(email, fresh)).statusCode).toBe(200);
    // The administrator's own session is untouched.
    expect((await admin.inject({ url: '/api/stores' })).statusCode).toBe(200);
  });
});

describe('API keys', () => {
  const createKey = async (permissions: string[]) =>
    json(
      await admin.inject({
        method: 'POST',
        url: '/api/api-keys',
        payload: { name: 'Till', permissions },
      }),
    );
  const withKey = (secret: string) => (opts: InjectOptions) =>
    t.app.inject({ ...opts, headers: { ...opts.headers, authorization: `Bearer ${secret}` } });

  it('holds only the permissions it was given', async () => {
    const key = withKey((await createKey(['members.browse'])).secret);
    expect((await key({ url: '/api/settings' })).statusCode).toBe(200);
    for (const url of ['/api/staff', '/api/roles', '/api/api-keys'])
      expectError(await key({ url }), 403, 'permission.denied');
    const before = await snapshot(t.url, { ignore: { api_keys: ['last_used_at'] } });
    const denied = await key({
      method: 'POST',
      url: '/api/stores',
      payload: { code: 'K1', name: 'K' },
    });
    expectError(denied, 403, 'permission.denied');
    expectError(await key({ url: '/api/audit-log' }), 403, 'permission.denied');
    expect(await snapshot(t.url, { ignore: { api_keys: ['last_used_at'] } })).toEqual(before);
  });

  it('writes without a CSRF token, and the audit log names the key', async () => {
    const made = await createKey(['settings.maintain']);
    const res = await withKey(made.secret)({
      method: 'POST',
      url: '/api/stores',
      payload: { code: 'K2', name: 'Kiosk' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await auditOf(admin, `entityId=${res.json().storeId}`);
    expect(entry).toMatchObject({
      actorType: 'api_key',
      actorId: made.apiKey.apiKeyId,
      action: 'store.created',
    });
    const listed = (await json(await admin.inject({ url: '/api/api-keys' }))) as unknown as Json[];
    expect(listed.find((k) => k.apiKeyId === made.apiKey.apiKeyId)!.lastUsedAt).not.toBeNull();
  });

  it('keeps only a hash of the secret', async () => {
    const made = await createKey(['members.browse']);
    const rows = await ownerQuery<{ row: string }>(
      t.url,
      'SELECT to_jsonb(k)::text AS row FROM api_keys k',
    );
    const secretPart = (made.secret as string).split('_').slice(3).join('_');
    expect(secretPart.length).toBeGreaterThanOrEqual(32);
    for (const r of rows) expect(r.row).not.toContain(secretPart);
  });
});

describe('passwords', () => {
  it('are stored as argon2id hashes only', async () => {
    const created = await admin.inject({
      method: 'POST',
      url: '/api/staff',
      payload: {
        name: 'Hashed',
        email: 'hashed@shop.test',
        roleId: shop.roleIds.customer_assistant,
        password,
      },
    });
    expect(created.statusCode).toBe(200);
    expect(created.body).not.toContain('argon2');
    const rows = await ownerQuery<{ email: string; password_hash: string }>(
      t.url,
      'SELECT email, password_hash FROM staff',
    );
    expect(rows.length).toBeGreaterThan(4);
    for (const r of rows)
      expect(r.password_hash, r.email).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows.some((r) => r.password_hash.includes(password))).toBe(false);
  });
});

describe('the last administrator', () => {
  let s: Seeded;
  let boss: Caller;
  beforeAll(async () => {
    s = await seedTenant(t.ctx, 'solo');
    boss = await signIn(t.app, 'solo', s.emails.admin);
  });

  it('cannot be deactivated or given another role (409 staff.last_admin)', async () => {
    const adminId = staffIdOf(s, 'admin');
    const before = await snapshot(t.url);
    expectError(await updateStaff(boss, adminId, { active: false }), 409, 'staff.last_admin');
    expectError(
      await updateStaff(boss, adminId, { roleId: s.roleIds.customer_manager }),
      409,
      'staff.last_admin',
    );
    expect(await snapshot(t.url)).toEqual(before);
  });

  it('can step down once another administrator exists', async () => {
    const adminId = staffIdOf(s, 'admin');
    const otherId = staffIdOf(s, 'customer_manager');
    expect((await updateStaff(boss, otherId, { roleId: s.roleIds.admin })).statusCode).toBe(200);
    const res = await updateStaff(boss, adminId, { roleId: s.roleIds.customer_manager });
    expect(res.statusCode, res.body).toBe(200);
    // The former administrator's session lost the right at once.
    expectError(await boss.inject({ url: '/api/staff' }), 403, 'permission.denied');
    const heir = await signIn(t.app, 'solo', s.emails.customer_manager);
    expectError(await updateStaff(heir, otherId, { active: false }), 409, 'staff.last_admin');
  });
});

describe('stores a staff member may work in', () => {
  it('refuses to switch to a store outside their list (403 store.not_allowed)', async () => {
    const [first, second] = shop.storeIds as [string, string];
    const made = await admin.inject({
      method: 'POST',
      url: '/api/staff',
      payload: {
        name: 'One-store clerk',
        email: 'clerk@shop.test',
        roleId: shop.roleIds.customer_assistant,
        storeIds: [first],
        password,
      },
    });
    expect(made.statusCode, made.body).toBe(200);
    const clerk = await signIn(t.app, 'shop', 'clerk@shop.test');
    const session = await json(await clerk.inject({ url: '/api/auth/session' }));
    expect(session.storeId).toBe(first);
    expect(session.stores.map((x: Json) => x.storeId)).toEqual([first]);
    const before = await snapshot(t.url);
    const refused = await clerk.inject({
      method: 'PUT',
      url: '/api/auth/session/store',
      payload: { storeId: second },
    });
    expectError(refused, 403, 'store.not_allowed');
    expect(await snapshot(t.url)).toEqual(before);
    const ok = await clerk.inject({
      method: 'PUT',
      url: '/api/auth/session/store',
      payload: { storeId: first },
    });
    expect(ok.statusCode).toBe(200);
    // An administrator (all stores) may switch.
    const moved = await json(
      await admin.inject({
        method: 'PUT',
        url: '/api/auth/session/store',
        payload: { storeId: second },
      }),
    );
    expect(moved.storeId).toBe(second);
  });
});

describe('the audit log', () => {
  it('records sign-ins with the staff member as the actor', async () => {
    const res = await attempt(shop.emails.admin, password);
    const staffId = staffIdOf(shop, 'admin');
    const entries = await auditOf(admin, `action=staff.signed_in&actorId=${staffId}`);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({
      actorType: 'staff',
      entityType: 'staff',
      entityId: staffId,
    });
    expect(entries.map((e) => e.requestId)).toContain(res.headers['x-request-id']);
  });

  it('records staff changes with before and after, never a password or its hash', async () => {
    const created = await json(
      await admin.inject({
        method: 'POST',
        url: '/api/staff',
        payload: {
          name: 'Audited',
          email: 'audited@shop.test',
          roleId: shop.roleIds.customer_assistant,
          password,
        },
      }),
    );
    const secret = 'audited new password';
    expect(
      (await updateStaff(admin, created.staffId, { name: 'Audited Twice', password: secret }))
        .statusCode,
    ).toBe(200);
    const entries = await auditOf(admin, `entityId=${created.staffId}`);
    const made = entries.find((e) => e.action === 'staff.created')!;
    const changed = entries.find((e) => e.action === 'staff.updated')!;
    expect(made).toMatchObject({
      actorType: 'staff',
      actorId: staffIdOf(shop, 'admin'),
      before: null,
    });
    expect(made.after).toMatchObject({ name: 'Audited', email: 'audited@shop.test' });
    expect(changed.before).toMatchObject({ name: 'Audited' });
    expect(changed.after).toMatchObject({ name: 'Audited Twice', password: '[hidden]' });
    const all = await ownerQuery<{ row: string }>(
      t.url,
      'SELECT to_jsonb(a)::text AS row FROM audit_log a',
    );
    for (const { row } of all) {
      expect(row).not.toContain('$argon2');
      expect(row).not.toContain(secret);
      expect(row).not.toContain(password);
    }
  });
});
