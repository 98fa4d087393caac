import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('lists the active staff by name for anyone who works with members', async () => {
  await seedTenant(t.ctx, 'dir');
  const admin = await signIn(t.app, 'dir', 'admin@dir.test');
  const assistant = await signIn(t.app, 'dir', 'customer_assistant@dir.test');
  const staff = (await admin.inject({ url: '/api/staff' })).json() as {
    staffId: string;
    email: string;
  }[];
  const leaving = staff.find((s) => s.email === 'marketing_manager@dir.test')!;
  const full = (await admin.inject({ url: `/api/staff/${leaving.staffId}` })).json();
  const off = await admin.inject({
    method: 'PUT',
    url: `/api/staff/${leaving.staffId}`,
    payload: {
      name: full.name,
      email: full.email,
      roleId: full.roleId,
      storeIds: full.storeIds,
      phoneExtension: full.phoneExtension,
      language: full.language,
      active: false,
      version: full.version,
    },
  });
  expect(off.statusCode, off.body).toBe(200);
  const res = await assistant.inject({ url: '/api/staff/directory' });
  expect(res.statusCode).toBe(200);
  const names = res.json().map((s: { name: string }) => s.name);
  expect(names).toHaveLength(3);
  expect(names).not.toContain(full.name);
  expect(Object.keys(res.json()[0]).sort()).toEqual(['name', 'staffId']);
});
