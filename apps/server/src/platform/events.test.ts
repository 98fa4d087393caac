import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TestApp } from '../../../../test/app';
import type { DomainEvent } from './events';

let t: TestApp;
let tenantId: string;
const seen: DomainEvent[] = [];
let failNext = 0;

beforeAll(async () => {
  t = await createTestApp();
  // Subscribers register before the worker starts, as modules do at start-up.
  t.ctx.events.subscribe({
    name: 'test.recorder',
    types: ['test.happened'],
    async handle(tx, event) {
      await sql`SELECT 1`.execute(tx);
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('subscriber failed on purpose');
      }
      seen.push(event);
    },
  });
  tenantId = (await seedTenant(t.ctx, 'events')).tenantId;
});
afterAll(() => t.close());

const jobCount = async () =>
  Number(
    (
      await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'domain-event'`.execute(t.ctx.db.app)
    ).rows[0]!.n,
  );

describe('domain events', () => {
  it('are recorded with their delivery job in the transaction of their cause', async () => {
    const before = await jobCount();
    const eventId = await t.ctx.db.withTenant(tenantId, (tx) =>
      t.ctx.events.record(tx, tenantId, 'test.happened', { n: 1 }),
    );
    expect(await jobCount()).toBe(before + 1);
    const stored = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx.selectFrom('domain_events').selectAll().where('event_id', '=', eventId).executeTakeFirst(),
    );
    expect(stored?.payload).toEqual({ n: 1 });
  });

  it('leave neither event nor job behind when the cause rolls back', async () => {
    const before = await jobCount();
    await expect(
      t.ctx.db.withTenant(tenantId, async (tx) => {
        await t.ctx.events.record(tx, tenantId, 'test.happened', { n: 2 });
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    expect(await jobCount()).toBe(before);
    const rows = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx.selectFrom('domain_events').select('payload').execute(),
    );
    expect(rows.map((r) => r.payload)).not.toContainEqual({ n: 2 });
  });

  it('reach each subscriber exactly once, however often delivery runs', async () => {
    const eventId = await t.ctx.db.withTenant(tenantId, (tx) =>
      t.ctx.events.record(tx, tenantId, 'test.happened', { n: 3 }),
    );
    await t.ctx.events.deliver(tenantId, eventId);
    await t.ctx.events.deliver(tenantId, eventId);
    expect(seen.filter((e) => e.eventId === eventId)).toHaveLength(1);
  });

  it('are retried after a subscriber fails, and its writes roll back with it', async () => {
    const eventId = await t.ctx.db.withTenant(tenantId, (tx) =>
      t.ctx.events.record(tx, tenantId, 'test.happened', { n: 4 }),
    );
    failNext = 1;
    await expect(t.ctx.events.deliver(tenantId, eventId)).rejects.toThrow('on purpose');
    const marks = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx.selectFrom('event_deliveries').selectAll().where('event_id', '=', eventId).execute(),
    );
    expect(marks).toHaveLength(0);
    await t.ctx.events.deliver(tenantId, eventId);
    expect(seen.filter((e) => e.eventId === eventId)).toHaveLength(1);
  });

  it('cannot be delivered into another tenant', async () => {
    const other = (await seedTenant(t.ctx, 'events-other')).tenantId;
    const eventId = await t.ctx.db.withTenant(tenantId, (tx) =>
      t.ctx.events.record(tx, tenantId, 'test.happened', { n: 5 }),
    );
    await t.ctx.events.deliver(other, eventId); // forged payload: the event is invisible there
    expect(seen.filter((e) => e.eventId === eventId)).toHaveLength(0);
  });
});
