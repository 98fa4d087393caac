import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type Caller, type TestApp } from '../../../../test/app';

let t: TestApp;
let admin: Caller;
let tenantId: string;
beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'idem')).tenantId;
  admin = await signIn(t.app, 'idem', 'admin@idem.test');
});
afterAll(() => t.close());

const storeCount = () =>
  t.ctx.db.withTenant(
    tenantId,
    async (tx) => (await tx.selectFrom('stores').select('store_id').execute()).length,
  );

const createStore = (key: string, code: string) =>
  admin.inject({
    method: 'POST',
    url: '/api/stores',
    headers: { 'idempotency-key': key },
    payload: { code, name: `Store ${code}` },
  });

describe('Idempotency-Key', () => {
  it('runs a write once and replays its response to a retry', async () => {
    const before = await storeCount();
    const first = await createStore('k-1', 'C1');
    const retry = await createStore('k-1', 'C1');
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await storeCount()).toBe(before + 1);
  });

  it('refuses the same key with a different body', async () => {
    const res = await createStore('k-1', 'C2');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('request.idempotency_conflict');
  });

  it('replays a refusal too, without running again', async () => {
    const dup1 = await createStore('k-2', 'C1'); // code C1 exists: 409
    const dup2 = await createStore('k-2', 'C1');
    expect(dup1.statusCode).toBe(409);
    expect(dup2.statusCode).toBe(409);
    expect(dup2.headers['idempotent-replayed']).toBe('true');
  });

  it('treats a new key as a new request', async () => {
    const before = await storeCount();
    expect((await createStore('k-3', 'C3')).statusCode).toBe(200);
    expect(await storeCount()).toBe(before + 1);
  });

  it('keeps keys per account, across its sessions', async () => {
    const before = await storeCount();
    const other = await signIn(t.app, 'idem', 'admin@idem.test');
    const res = await other.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { 'idempotency-key': 'k-1' },
      payload: { code: 'C1', name: 'Store C1' },
    });
    // Same staff account in a new session: the key is the account's, so this is a replay.
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(await storeCount()).toBe(before);
  });
});
