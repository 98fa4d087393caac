import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { startSmtp, type TestSmtp } from '../../../../../test/smtp';
import { dispatchBatch, enqueueMessage, type EnqueueInput } from './index';
import { deliveriesOf, drainOutbox } from './test-helpers';

let t: TestApp;
let smtp: TestSmtp;
let tenantId: string;
let manager: Caller;
let admin: Caller;
const NOON_TAIPEI = new Date('2026-03-10T04:00:00Z');

async function member(name: string, email: string, extra: object = {}) {
  const res = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: {
      name,
      email,
      gender: 'female',
      language: 'zh-TW',
      consents: { email: true },
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().memberId as string;
}

let n = 0;
const send = (memberId: string, input: Partial<EnqueueInput> = {}) =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    enqueueMessage(tx, t.ctx, tenantId, {
      cause: `test:${++n}`,
      category: 'marketing',
      channel: 'email',
      memberId,
      content: { subject: '新品上市', text: '{{ member.salutation }}，新品到了。' },
      ...input,
    }),
  );
const stateOf = async (sent: Promise<{ deliveryId: string }> | { deliveryId: string }) => {
  const { deliveryId } = await sent;
  return t.ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('message_deliveries')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirstOrThrow(),
  );
};

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    config: {
      smtpUrl: smtp.url,
      mailFrom: 'hello@shop.test',
      publicUrl: 'https://regulars.test',
      logLevel: 'error',
    },
  });
  tenantId = (await seedTenant(t.ctx, 'mail')).tenantId;
  manager = await signIn(t.app, 'mail', 'customer_manager@mail.test');
  admin = await signIn(t.app, 'mail', 'admin@mail.test');
});
beforeEach(() => t.clock.set(NOON_TAIPEI));
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('email over SMTP', () => {
  it('sends HTML and text with the salutation, hostile data escaped, and one-click unsubscribe headers', async () => {
    const id = await member('林<b>美玲</b>', 'lin@example.com');
    const first = await send(id);
    await drainOutbox(t.ctx, tenantId);
    const mail = smtp.received.at(-1)!;
    expect(mail.envelopeTo).toEqual(['lin@example.com']);
    // without a bounce domain (MAIL_BOUNCE_DOMAIN) bounces go to the sender address itself
    expect(mail.envelopeFrom).toBe('hello@shop.test');
    expect(mail.parsed.subject).toBe('新品上市');
    expect(mail.parsed.text).toContain('林<b>美玲</b>，新品到了。');
    expect(mail.parsed.html).toContain('林&lt;b&gt;美玲&lt;/b&gt;，新品到了。');
    expect(mail.parsed.html).not.toContain('<b>美玲');
    expect(mail.parsed.from?.text).toContain('hello@shop.test');
    const d = await stateOf(first);
    expect(mail.parsed.messageId).toBe(`<${d.delivery_id}@shop.test>`);
    expect(d).toMatchObject({ state: 'sent', provider: 'email' });
    const unsub = /^List-Unsubscribe:\s+(<[^>]+>)/m.exec(mail.raw)![1]!; // folded onto the next line
    expect(unsub).toMatch(/^<https:\/\/regulars\.test\/api\/messaging\/unsubscribe\/unsub\./);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    // One click, as a mail client does it: consent is gone at once; the next marketing mail stops.
    const url = unsub.slice('<https://regulars.test'.length, -1);
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('取消訂閱');
    const click = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(click.statusCode, click.body).toBe(200);
    const count = smtp.received.length;
    const after = await send(id);
    const receipt = await send(id, { category: 'transactional', content: { text: '您的收據' } });
    await drainOutbox(t.ctx, tenantId);
    expect(await stateOf(after)).toMatchObject({ state: 'suppressed', reason: 'no_consent' });
    expect(await stateOf(receipt)).toMatchObject({ state: 'sent', category: 'transactional' });
    expect(smtp.received.length).toBe(count + 1);
    // A forged or altered token changes nothing.
    const forged = await t.app.inject({ method: 'POST', url: url.slice(0, -2) + 'xx' });
    expect(forged.statusCode).toBe(404);
  });

  it('blocks an address that bounces hard, for transactional mail too', async () => {
    const id = await member('陳小華', 'gone@example.com');
    smtp.rejectRecipients.add('gone@example.com');
    const r1 = await send(id, { category: 'transactional', content: { text: 'Receipt' } });
    await drainOutbox(t.ctx, tenantId);
    expect(await stateOf(r1)).toMatchObject({ state: 'bounced', reason: 'permanent' });
    const r2 = await send(id, { category: 'transactional', content: { text: 'Code 1234' } });
    await drainOutbox(t.ctx, tenantId);
    expect(await stateOf(r2)).toMatchObject({ state: 'suppressed', reason: 'blocked' });
    expect(smtp.received.some((m) => m.envelopeTo.includes('gone@example.com'))).toBe(false);
  });

  it('holds marketing through quiet hours in the member’s zone and sends it when they end', async () => {
    const id = await member('張美華', 'night@example.com');
    t.clock.set(new Date('2026-03-10T14:30:00Z')); // 22:30 in Taipei
    await send(id);
    await send(id, { category: 'transactional', content: { text: 'Your code 9999' } });
    const before = smtp.received.length;
    await drainOutbox(t.ctx, tenantId);
    const rows = await deliveriesOf(t.ctx, tenantId, id);
    const held = rows.find((r) => r.category === 'marketing');
    const code = rows.find((r) => r.category === 'transactional');
    expect(held).toMatchObject({
      state: 'held',
      reason: 'quiet_hours',
      not_before: new Date('2026-03-11T01:00:00Z'),
    });
    expect(code).toMatchObject({ state: 'sent' });
    t.clock.set(new Date('2026-03-11T00:59:00Z')); // 08:59: still quiet
    await drainOutbox(t.ctx, tenantId);
    expect(smtp.received.length).toBe(before + 1);
    t.clock.set(new Date('2026-03-11T01:00:00Z'));
    await drainOutbox(t.ctx, tenantId);
    const after = await deliveriesOf(t.ctx, tenantId, id);
    expect(after.find((r) => r.category === 'marketing')).toMatchObject({ state: 'sent' });
    expect(smtp.received.length).toBe(before + 2);
    // A member in Berlin gets it at 22:30 Taipei time: it is afternoon there.
    const berlin = await member('Anna Berlin', 'anna@example.com', { timeZone: 'Europe/Berlin' });
    t.clock.set(new Date('2026-03-10T14:30:00Z'));
    const b = await send(berlin);
    await drainOutbox(t.ctx, tenantId);
    expect(await stateOf(b)).toMatchObject({ state: 'sent' });
  });

  it('caps marketing per member across channels, atomically, and skips the control group', async () => {
    const settings = await admin.inject({ method: 'GET', url: '/api/messaging/settings' });
    const put = await admin.inject({
      method: 'PUT',
      url: '/api/messaging/settings',
      payload: {
        capCount: 2,
        capDays: 7,
        emailFromName: '熟客小舖',
        emailReplyTo: null,
        webhookUrl: null,
        version: settings.json().version,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const id = await member('吳美君', 'cap@example.com', {
      phone: '0911000222',
      consents: { email: true, sms: true },
    });
    await send(id, { channel: 'sms' }); // development outbox, but it counts
    // Four batches for the same member at once: only one more place is left under the cap.
    await Promise.all([send(id), send(id), send(id), send(id)]);
    const batches = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('message_deliveries')
        .select('batch_id')
        .where('member_id', '=', id)
        .where('state', '=', 'queued')
        .execute(),
    );
    await Promise.all(batches.slice(0, 2).map((b) => dispatchBatch(t.ctx, tenantId, b.batch_id!)));
    await drainOutbox(t.ctx, tenantId);
    const rows = await deliveriesOf(t.ctx, tenantId, id);
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(2);
    expect(rows.filter((r) => r.reason === 'frequency_cap')).toHaveLength(3);
    expect(smtp.received.at(-1)!.parsed.from?.text).toContain('熟客小舖');
    // Transactional messages are never capped; the control group gets nothing.
    const tr = await send(id, { category: 'transactional', content: { text: 'Receipt' } });
    const other = await member('Holdout', 'holdout@example.com');
    const ho = await send(other, { holdout: true });
    await drainOutbox(t.ctx, tenantId);
    expect(await stateOf(tr)).toMatchObject({ state: 'sent' });
    expect(await stateOf(ho)).toMatchObject({ state: 'suppressed', reason: 'holdout' });
  });

  it('keeps messages queued while the SMTP server is down, then delivers them with backoff', async () => {
    const id = await member('李大同', 'later@example.com');
    const port = Number(new URL(smtp.url).port);
    await smtp.close();
    const down = await send(id, { category: 'transactional', content: { text: 'Receipt' } });
    await drainOutbox(t.ctx, tenantId);
    const waiting = await stateOf(down);
    expect(waiting).toMatchObject({ state: 'queued', reason: 'retrying', attempts: 1 });
    expect(waiting.not_before).toEqual(new Date(NOON_TAIPEI.getTime() + 60_000));
    smtp = await startSmtp(port);
    await drainOutbox(t.ctx, tenantId); // not yet due
    expect(await stateOf(down)).toMatchObject({ state: 'queued' });
    t.clock.advance(60_000);
    await drainOutbox(t.ctx, tenantId);
    expect(await stateOf(down)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['later@example.com']);
  });
});
