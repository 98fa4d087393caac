import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { RETRY_SCHEDULE_MS } from './send';
import { sweepWebhooks } from './sweep';
import { drainWebhooks } from './test-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies
let t: TestApp;
let shop: { tenantId: string; admin: Caller };

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-05-04T02:00:00Z'));
  const a = await seedTenant(t.ctx, 'retries');
  shop = { tenantId: a.tenantId, admin: await signIn(t.app, 'retries', a.emails.admin) };
});
afterAll(() => t.close());

const post = async (url: string, payload?: object) => {
  const res = await shop.admin.inject({ method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Json>();
};

/** Deliveries to a closed loopback port: every attempt fails with a network error. */
describe('webhook retries over time', () => {
  it('enqueue again an attempt whose job was lost (a worker killed mid-request)', async () => {
    const { endpoint } = await post('/api/webhooks', {
      url: 'http://127.0.0.1:9/lost',
      eventTypes: ['tier.changed'],
    });
    const test = await post(`/api/webhooks/${endpoint.endpointId}/test`);
    expect(test).toMatchObject({ state: 'pending', attempts: 1 });
    const sendJobs = async () =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job
            WHERE name = 'webhook-send' AND data->>'deliveryId' = ${test.deliveryId}`.execute(
            t.ctx.db.app,
          )
        ).rows[0]!.n,
      );
    const jobs = await sendJobs();
    expect(await sweepWebhooks(t.ctx)).toBe(0); // due in a minute: its job is still waiting
    t.clock.advance(RETRY_SCHEDULE_MS[0]! + 11 * 60_000);
    expect(await sweepWebhooks(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await sendJobs()).toBe(jobs + 1);
  });

  it('try an unreachable receiver six times over about 15 hours, then give up', async () => {
    const closed = await post('/api/webhooks', {
      url: 'http://127.0.0.1:9/closed',
      eventTypes: ['tier.changed'],
    });
    t.clock.advance(1000);
    await t.ctx.db.withTenant(shop.tenantId, (tx) =>
      t.ctx.events.record(tx, shop.tenantId, 'tier.changed', { memberId: 'm', change: 'upgrade' }),
    );
    const state = () =>
      t.ctx.db.withTenant(shop.tenantId, (tx) =>
        tx
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('endpoint_id', '=', closed.endpoint.endpointId)
          .executeTakeFirstOrThrow(),
      );
    await drainWebhooks(t.ctx, shop.tenantId);
    for (const wait of RETRY_SCHEDULE_MS) {
      expect(await state()).toMatchObject({ state: 'pending', last_status: null });
      expect((await state()).last_error).toMatch(/ECONNREFUSED/);
      t.clock.advance(wait);
      await drainWebhooks(t.ctx, shop.tenantId);
    }
    expect(await state()).toMatchObject({ state: 'failed', attempts: 6, next_attempt_at: null });
  });
});
