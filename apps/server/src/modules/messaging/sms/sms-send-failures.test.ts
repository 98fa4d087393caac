import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../../test/app';
import { registerChannelDriver } from '../channel';
import { deliveriesOf, drainOutbox } from '../test-helpers';
import { setupSms } from './index';
import { blocksOf, smsMember } from './sms-fixtures';

// A gateway answering as smsbox does when it refuses a message: 400 with its reason. Which
// numbers get which answer is set per test.
let t: TestApp;
let gateway: Server;
let tenantId: string;
const answers = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'sms-fail')).tenantId;
  gateway = createServer((req, res) => {
    const to = new URL(req.url!, 'http://x').searchParams.get('to') ?? '';
    const refusal = answers.get(to);
    if (refusal) res.writeHead(400).end(refusal);
    else res.writeHead(202).end('0: Accepted for delivery');
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
  const { port } = gateway.address() as AddressInfo;
  t.ctx.config.kannel = {
    sendsmsUrl: `http://127.0.0.1:${port}/cgi-bin/sendsms`,
    user: 'regulars',
    password: 'secret',
    from: '0800123456',
    concurrency: 2,
  };
  setupSms(t.ctx);
  // noon in Taipei: outside the business's quiet hours
  t.clock.set(new Date('2026-03-10T04:00:00Z'));
});
afterAll(async () => {
  registerChannelDriver(null, 'sms');
  gateway?.close();
  await t?.close();
});

async function sendFromCard(member: string, text: string) {
  const manager = await signIn(t.app, 'sms-fail', 'customer_manager@sms-fail.test');
  const res = await manager.inject({
    method: 'POST',
    url: `/api/members/${member}/messages`,
    payload: { channel: 'sms', text },
  });
  expect(res.statusCode, res.body).toBe(200);
  await drainOutbox(t.ctx, tenantId);
  // The test clock stands still, so deliveries share their creation time: find this one by id.
  const { deliveryId } = res.json<{ deliveryId: string }>();
  return (await deliveriesOf(t.ctx, tenantId, member)).find((d) => d.delivery_id === deliveryId)!;
}

describe('a message the SMS gateway refuses for good', () => {
  it('refused for its content: the delivery fails, the member’s number is not blocked', async () => {
    const { memberId } = await smsMember(t.app, 'sms-fail', '0922555666');
    answers.set('+886922555666', 'Charset or body misformed, rejected');
    const refused = await sendFromCard(memberId, '您的訂位已確認。');
    expect(refused).toMatchObject({ state: 'failed', reason: 'permanent' });
    expect((await blocksOf(t.ctx, tenantId)).map((b) => b.address)).not.toContain('+886922555666');
    answers.delete('+886922555666');
    expect(await sendFromCard(memberId, '明天見。')).toMatchObject({ state: 'sent' });
  });

  it('refused because the number itself is wrong: the number is blocked', async () => {
    const { memberId } = await smsMember(t.app, 'sms-fail', '0922555777', '陳志明');
    answers.set('+886922555777', 'Empty receiver number not allowed, rejected');
    expect(await sendFromCard(memberId, '您好')).toMatchObject({ state: 'failed' });
    expect(await blocksOf(t.ctx, tenantId)).toContainEqual({
      address: '+886922555777',
      reason: 'invalid',
    });
  });
});
