import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TestApp } from '../../../../../test/app';
import { Jobs } from '../../platform/jobs';
import { enqueueMessage } from './index';
import { BATCH_SIZE, SEND_QUEUE, SEND_QUEUE_OPTIONS } from './outbox.service';

// A worker killed mid-batch holds the batch's job until pg-boss expires it: the send queue's
// expiry is what a batch needs, not pg-boss's default 15 minutes.
let t: TestApp;
let owner: pg.Client;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'send-queue')).tenantId;
  owner = new pg.Client({ connectionString: t.url });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await t?.close();
});

const queueRow = async () =>
  (
    await owner.query(
      `SELECT expire_seconds, retry_limit, retry_delay, retry_backoff FROM pgboss.queue
        WHERE name = $1`,
      [SEND_QUEUE],
    )
  ).rows[0];

describe('the send queue', () => {
  it('expires a batch’s job after a few minutes, in proportion to a batch', async () => {
    expect(SEND_QUEUE_OPTIONS.expireInSeconds).toBeLessThanOrEqual(300);
    expect(SEND_QUEUE_OPTIONS.expireInSeconds).toBeGreaterThanOrEqual(BATCH_SIZE / 10);
    expect(await queueRow()).toEqual({
      expire_seconds: SEND_QUEUE_OPTIONS.expireInSeconds,
      retry_limit: SEND_QUEUE_OPTIONS.retryLimit,
      retry_delay: SEND_QUEUE_OPTIONS.retryDelay,
      retry_backoff: SEND_QUEUE_OPTIONS.retryBackoff,
    });
    await t.ctx.db.withTenant(tenantId, (tx) =>
      enqueueMessage(tx, t.ctx, tenantId, {
        cause: 'receipt:1',
        category: 'transactional',
        channel: 'email',
        to: 'lin@example.com',
        content: { subject: 'Receipt', text: 'Thank you' },
      }),
    );
    const job = await owner.query(
      `SELECT EXTRACT(epoch FROM expire_in)::int AS expire FROM pgboss.job WHERE name = $1`,
      [SEND_QUEUE],
    );
    expect(job.rows).toEqual([{ expire: SEND_QUEUE_OPTIONS.expireInSeconds }]);
  });

  it('an installation whose queue has the old expiry gets the new one when it starts', async () => {
    await owner.query(
      `UPDATE pgboss.queue SET expire_seconds = 900, retry_limit = 5 WHERE name = $1`,
      [SEND_QUEUE],
    );
    const jobs = new Jobs(t.url);
    jobs.define(SEND_QUEUE, async () => {}, { queue: SEND_QUEUE_OPTIONS });
    await jobs.start({ work: false });
    await jobs.stop();
    expect(await queueRow()).toMatchObject({
      expire_seconds: SEND_QUEUE_OPTIONS.expireInSeconds,
      retry_limit: SEND_QUEUE_OPTIONS.retryLimit,
    });
  });
});
