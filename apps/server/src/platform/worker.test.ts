import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TestApp } from '../../../../test/app';

let t: TestApp;
const delivered: string[] = [];

beforeAll(async () => {
  t = await createTestApp({
    work: true,
    setup: (ctx) =>
      ctx.events.subscribe({
        name: 'test.worker',
        types: ['test.worked'],
        async handle(_tx, event) {
          delivered.push(event.eventId);
        },
      }),
  });
});
afterAll(() => t.close());

describe('the worker', () => {
  it('delivers events recorded by a request to their subscribers', async () => {
    const { tenantId } = await seedTenant(t.ctx, 'worker');
    const eventId = await t.ctx.db.withTenant(tenantId, (tx) =>
      t.ctx.events.record(tx, tenantId, 'test.worked', {}),
    );
    const deadline = Date.now() + 15_000;
    while (!delivered.includes(eventId) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered).toEqual([eventId]);
  });
});
