import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the application', () => {
  it('serves an OpenAPI 3.1 document listing the API', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/auth/sign-in');
  });

  it('serves interactive docs at /docs', async () => {
    const res = await t.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/api/setup/status' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('signs in and reads the session', async () => {
    await seedTenant(t.ctx, 'alpha');
    const admin = await signIn(t.app, 'alpha', 'admin@alpha.test');
    const res = await admin.inject({ url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json().role.systemKey).toBe('admin');
    expect(res.json().stores).toHaveLength(2);
  });

  it('applies row-level security: without a tenant the app role sees no rows', async () => {
    const rows = await sql<{ n: string }>`SELECT count(*) AS n FROM staff`.execute(t.ctx.db.app);
    expect(rows.rows[0]!.n).toBe('0');
    const who = await sql<{ u: string }>`SELECT current_user AS u`.execute(t.ctx.db.app);
    expect(who.rows[0]!.u).toBe('regulars_app');
  });
});
