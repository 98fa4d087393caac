import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, type TestApp } from '../../../../../test/app';
import { startSmtp, type TestSmtp } from '../../../../../test/smtp';
import { enqueueMessages } from './index';

const worker = fileURLToPath(new URL('./kill-worker.fixture.ts', import.meta.url));
const TOTAL = 10_000;

let t: TestApp;
let smtp: TestSmtp;
let tenantId: string;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'kill')).tenantId;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const sentCount = async () =>
  Number(
    (
      await t.ctx.db.withTenant(tenantId, (tx) =>
        tx
          .selectFrom('message_deliveries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('state', '=', 'sent')
          .executeTakeFirstOrThrow(),
      )
    ).n,
  );

/**
 * Runs a worker process over the batches. With `killAt`, once the SMTP server has accepted that
 * many messages it stops answering (messages in flight stay unacknowledged, as when a worker
 * dies mid-conversation), waits until the worker has recorded what was accepted, and kills it.
 */
async function runWorker(batches: string[], killAt: number | null): Promise<number | null> {
  let holding = false;
  smtp.beforeAccept = () => {
    if (killAt !== null && smtp.received.length >= killAt) holding = true;
    return !holding;
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', worker, t.url, smtp.url, tenantId, ...batches],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (killAt !== null) {
    while (!holding) await new Promise((r) => setTimeout(r, 10));
    while ((await sentCount()) < smtp.received.length) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
  }
  const code = await exited;
  smtp.beforeAccept = null;
  return code;
}

describe('a worker killed mid-batch', () => {
  it('never sends a message twice and never skips one', async () => {
    const enqueued = await t.ctx.db.withTenant(tenantId, (tx) =>
      enqueueMessages(
        tx,
        t.ctx,
        tenantId,
        Array.from({ length: TOTAL }, (_, i) => ({
          cause: `receipt:${i}`,
          category: 'transactional' as const,
          channel: 'email' as const,
          to: `m${i}@example.com`,
          content: { subject: `Receipt ${i}`, text: `Thank you, order ${i}` },
        })),
      ),
    );
    expect(enqueued).toHaveLength(TOTAL);
    const batches = (
      await t.ctx.db.withTenant(tenantId, (tx) =>
        tx.selectFrom('message_deliveries').select('batch_id').distinct().execute(),
      )
    ).map((b) => b.batch_id!);
    expect(batches).toHaveLength(TOTAL / 500); // one job per 500 messages, not one per message

    // Killed four times, in the middle of a batch each time, then left to finish.
    for (const killAt of [300, 2_900, 6_100, 9_400]) {
      const code = await runWorker(batches, killAt);
      expect(code).not.toBe(0);
      expect(smtp.received.length).toBeLessThan(TOTAL);
    }
    expect(await runWorker(batches, null)).toBe(0);

    const addresses = smtp.received.map((m) => m.envelopeTo.join(','));
    expect(addresses).toHaveLength(TOTAL);
    expect(new Set(addresses).size).toBe(TOTAL);
    expect(await sentCount()).toBe(TOTAL);
  }, 240_000);
});
