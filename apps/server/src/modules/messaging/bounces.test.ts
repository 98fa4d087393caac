import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@regulars/db';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../../../../../test/smtp';
import { exchangeBounce, outOfOffice, postfixBounce, postfixDelay } from './dsn-samples';
import { enqueueMessage } from './index';
import { drainOutbox } from './test-helpers';
import { bounceToken, readBounceToken } from './tokens';

let t: TestApp;
let smtp: TestSmtp;
let tenantId: string;
let manager: Caller;
let n = 0;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    config: {
      smtpUrl: smtp.url,
      mailFrom: 'hello@shop.test',
      mailBounceDomain: 'bounce.shop.test',
      logLevel: 'error',
    },
  });
  tenantId = (await seedTenant(t.ctx, 'bounce')).tenantId;
  manager = await signIn(t.app, 'bounce', 'customer_manager@bounce.test');
  t.clock.set(new Date('2026-03-10T04:00:00Z')); // noon in Taipei: no quiet hours
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** A member with consent, and one email sent to them through the SMTP server. */
async function sent(email: string, category: 'marketing' | 'transactional' = 'marketing') {
  const res = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: `林${++n}`, email, consents: { email: true } },
  });
  expect(res.statusCode, res.body).toBe(200);
  const memberId = res.json().memberId as string;
  const { deliveryId } = await send(memberId, category);
  await drainOutbox(t.ctx, tenantId);
  const mail = smtp.received.find((m) => m.parsed.messageId === `<${deliveryId}@shop.test>`)!;
  expect(mail, 'the SMTP server got the message').toBeDefined();
  return { memberId, deliveryId, mail };
}
const send = (memberId: string, category: 'marketing' | 'transactional') =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    enqueueMessage(tx, t.ctx, tenantId, {
      cause: `bounce-test:${++n}`,
      category,
      channel: 'email',
      memberId,
      content: { subject: '新品上市', text: '{{ member.salutation }}，新品到了。' },
    }),
  );

/** What Postfix's pipe does: the raw message, to the address extension's URL. */
const handOver = (extension: string, raw: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/messaging/bounces/${extension}`,
    headers: { 'content-type': 'message/rfc822' },
    payload: raw,
  });
const extensionOf = (mail: ReceivedMail) => /^bounces\+([^@]+)@/.exec(mail.envelopeFrom)![1]!;
const sample = (mail: ReceivedMail) => ({
  to: mail.envelopeFrom,
  rcpt: mail.envelopeTo[0]!,
  messageId: mail.parsed.messageId!,
});

const read = <T>(fn: (tx: Tx) => Promise<T>) => t.ctx.db.withTenant(tenantId, fn);
const delivery = (id: string) =>
  read((tx) =>
    tx
      .selectFrom('message_deliveries')
      .select(['state', 'reason', 'detail'])
      .where('delivery_id', '=', id)
      .executeTakeFirstOrThrow(),
  );
const blockOf = (address: string) =>
  read((tx) =>
    tx.selectFrom('message_blocks').selectAll().where('address', '=', address).executeTakeFirst(),
  );
const bouncesOf = (id: string) =>
  read((tx) => tx.selectFrom('email_bounces').selectAll().where('delivery_id', '=', id).execute());

describe('late bounces (delivery status notifications)', () => {
  it('sends each message with its own signed bounce address; the From stays the business’s', async () => {
    const { deliveryId, mail } = await sent('first@example.net');
    expect(mail.envelopeFrom).toMatch(
      /^bounces\+b1\.[\w-]{22}\.[\w-]{22}\.[\w-]{22}@bounce\.shop\.test$/,
    );
    expect(mail.parsed.from?.value[0]?.address).toBe('hello@shop.test');
    expect(readBounceToken(t.ctx.config.secret, extensionOf(mail))).toEqual({
      tenantId,
      deliveryId,
    });
  });

  it('a Postfix bounce (5.1.1) bounces the message and blocks the address, once', async () => {
    const { memberId, deliveryId, mail } = await sent('gone@example.net');
    const dsn = postfixBounce(sample(mail));
    const res = await handOver(extensionOf(mail), dsn);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ outcome: 'bounced' });
    expect(await delivery(deliveryId)).toMatchObject({ state: 'bounced', reason: 'permanent' });
    expect((await delivery(deliveryId)).detail).toMatch(
      /^5\.1\.1 550 5\.1\.1 <gone@example.net>: Recipient address rejected/,
    );
    expect(await blockOf('gone@example.net')).toMatchObject({
      reason: 'hard_bounce',
      delivery_id: deliveryId,
    });
    // The MTA hands the same notification over again: nothing more happens.
    const again = await handOver(extensionOf(mail), dsn);
    expect(again.json()).toEqual({ outcome: 'duplicate' });
    expect(await bouncesOf(deliveryId)).toHaveLength(1);
    // Blocked for everything after, as after a 5xx at send time: even a receipt stays here.
    const count = smtp.received.length;
    const receipt = await send(memberId, 'transactional');
    await drainOutbox(t.ctx, tenantId);
    expect(await delivery(receipt.deliveryId)).toMatchObject({
      state: 'suppressed',
      reason: 'blocked',
    });
    expect(smtp.received.length).toBe(count);
  });

  it('an Exchange non-delivery report (5.1.10) bounces the message too', async () => {
    const { deliveryId, mail } = await sent('Nobody@Contoso.example', 'transactional');
    const res = await handOver(extensionOf(mail), exchangeBounce(sample(mail)));
    expect(res.json()).toEqual({ outcome: 'bounced' });
    expect(await delivery(deliveryId)).toMatchObject({ state: 'bounced' });
    expect(await blockOf('nobody@contoso.example')).toMatchObject({ reason: 'hard_bounce' });
    expect(await bouncesOf(deliveryId)).toMatchObject([
      { kind: 'hard', action: 'failed', status: '5.1.10', recipient: 'nobody@contoso.example' },
    ]);
  });

  it('a delay notice (4.2.2) is recorded and blocks nothing', async () => {
    const { deliveryId, mail } = await sent('full@example.net');
    const res = await handOver(extensionOf(mail), postfixDelay(sample(mail)));
    expect(res.json()).toEqual({ outcome: 'delayed' });
    expect(await delivery(deliveryId)).toMatchObject({ state: 'sent' });
    expect(await blockOf('full@example.net')).toBeUndefined();
    expect(await bouncesOf(deliveryId)).toMatchObject([
      { kind: 'soft', action: 'delayed', status: '4.2.2' },
    ]);
  });

  it('an out-of-office reply is not a bounce', async () => {
    const { deliveryId, mail } = await sent('away@example.net');
    const res = await handOver(extensionOf(mail), outOfOffice(sample(mail)));
    expect(res.json()).toEqual({ outcome: 'not_a_bounce' });
    expect(await delivery(deliveryId)).toMatchObject({ state: 'sent' });
    expect(await blockOf('away@example.net')).toBeUndefined();
    expect(await bouncesOf(deliveryId)).toHaveLength(0);
  });

  it('refuses forged, altered and unknown bounce addresses, changing nothing', async () => {
    const { deliveryId, mail } = await sent('kept@example.net');
    const ext = extensionOf(mail);
    const dsn = postfixBounce(sample(mail));
    const altered = await handOver(`${ext.slice(0, -2)}xx`, dsn);
    expect(altered.statusCode).toBe(403);
    expect(altered.json().error.code).toBe('messaging.bounce_link_invalid');
    const otherSecret = bounceToken('another installation’s secret', tenantId, deliveryId);
    expect((await handOver(otherSecret, dsn)).statusCode).toBe(403);
    const unknown = bounceToken(t.ctx.config.secret, tenantId, crypto.randomUUID());
    expect((await handOver(unknown, dsn)).statusCode).toBe(404);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/messaging/bounces/${ext}`,
      payload: { outcome: 'bounced' },
    });
    expect(json.statusCode).toBe(415);
    expect(await delivery(deliveryId)).toMatchObject({ state: 'sent' });
    expect(await blockOf('kept@example.net')).toBeUndefined();
    expect(await bouncesOf(deliveryId)).toHaveLength(0);
  });
});
