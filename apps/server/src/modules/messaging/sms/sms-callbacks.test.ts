import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../../test/app';
import { sign } from '../../../platform/signing';
import { dlrUrl, inboundUrl } from './sms-links';
import { blocksOf, deliveryOf, smsConsentOf, smsDelivery, smsMember } from './sms-fixtures';

let t: TestApp;
let a: string;
let b: string;
let memberId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = (await seedTenant(t.ctx, 'sms-a')).tenantId;
  b = (await seedTenant(t.ctx, 'sms-b')).tenantId;
  ({ memberId } = await smsMember(t.app, 'sms-a', '0922111222'));
});
afterAll(() => t.close());

/** The path and query Kannel would call, with %d and %A filled in as Kannel does. */
const report = (url: string, status: number, answer = '') =>
  t.app.inject({
    url: url
      .replace(t.ctx.config.publicUrl, '')
      .replace('%d', String(status))
      .replace('%A', encodeURIComponent(answer))
      .replace('%T', '1795608109'),
  });

const delivery = (state = 'sent', to = '+886922111222') =>
  smsDelivery(t.ctx, a, { memberId, to, text: '王先生您好', state });

describe('delivery reports (dlr-url)', () => {
  it('status 1 makes the delivery delivered', async () => {
    const id = await delivery();
    const res = await report(dlrUrl(t.ctx.config, a, id), 1, 'id:1 stat:DELIVRD err:000');
    expect(res.json()).toEqual({ recorded: true });
    expect(await deliveryOf(t.ctx, a, id)).toMatchObject({ state: 'delivered' });
  });

  it('buffered (4) and accepted by the SMSC (8) change nothing', async () => {
    const id = await delivery();
    for (const status of [4, 8]) {
      const res = await report(dlrUrl(t.ctx.config, a, id), status, 'ACK/');
      expect(res.json()).toEqual({ recorded: false });
    }
    expect(await deliveryOf(t.ctx, a, id)).toMatchObject({ state: 'sent' });
  });

  it('an undeliverable number (2, stat:UNDELIV) fails the delivery and blocks the number', async () => {
    const id = await delivery('sent', '+886922000001');
    await report(dlrUrl(t.ctx.config, a, id), 2, 'id:7 sub:001 dlvrd:000 stat:UNDELIV err:001');
    expect(await deliveryOf(t.ctx, a, id)).toMatchObject({ state: 'failed', reason: 'permanent' });
    expect(await blocksOf(t.ctx, a)).toContainEqual({
      address: '+886922000001',
      reason: 'invalid',
    });
  });

  it('an expired message (2, stat:EXPIRED) fails without blocking the number', async () => {
    const id = await delivery('sent', '+886922000002');
    await report(dlrUrl(t.ctx.config, a, id), 2, 'id:8 stat:EXPIRED err:000');
    expect(await deliveryOf(t.ctx, a, id)).toMatchObject({ state: 'failed', reason: 'temporary' });
    expect((await blocksOf(t.ctx, a)).map((x) => x.address)).not.toContain('+886922000002');
  });

  it('an SMSC reject (16) is permanent for an invalid number, temporary when throttled', async () => {
    const invalid = await delivery('sent', '+886922000003');
    await report(
      dlrUrl(t.ctx.config, a, invalid),
      16,
      'NACK/0x0000000b/Invalid Destination Address',
    );
    expect(await deliveryOf(t.ctx, a, invalid)).toMatchObject({ reason: 'permanent' });
    const throttled = await delivery('sent', '+886922000004');
    await report(dlrUrl(t.ctx.config, a, throttled), 16, 'NACK/0x00000058/Throttling error');
    expect(await deliveryOf(t.ctx, a, throttled)).toMatchObject({
      state: 'failed',
      reason: 'temporary',
    });
    const addresses = (await blocksOf(t.ctx, a)).map((x) => x.address);
    expect(addresses).toContain('+886922000003');
    expect(addresses).not.toContain('+886922000004');
  });

  it('a replayed report changes nothing', async () => {
    const id = await delivery();
    const url = dlrUrl(t.ctx.config, a, id);
    await report(url, 1);
    const first = await deliveryOf(t.ctx, a, id);
    expect((await report(url, 1)).json()).toEqual({ recorded: true });
    expect(await deliveryOf(t.ctx, a, id)).toEqual(first);
  });

  it('a delivered message stays delivered: a late failure or intermediate report changes nothing', async () => {
    const id = await delivery('sent', '+886922000005');
    const url = dlrUrl(t.ctx.config, a, id);
    await report(url, 1, 'id:9 stat:DELIVRD err:000');
    const delivered = await deliveryOf(t.ctx, a, id);
    expect(delivered).toMatchObject({ state: 'delivered' });
    await report(url, 2, 'id:9 stat:UNDELIV err:001');
    await report(url, 16, 'NACK/0x0000000b/Invalid Destination Address');
    for (const status of [4, 8]) await report(url, status, 'ACK/');
    expect(await deliveryOf(t.ctx, a, id)).toEqual(delivered);
    expect((await blocksOf(t.ctx, a)).map((x) => x.address)).not.toContain('+886922000005');
  });

  it('a failed message is final: a late delivered report does not revive it', async () => {
    const id = await delivery('sent', '+886922000006');
    const url = dlrUrl(t.ctx.config, a, id);
    await report(url, 2, 'id:10 stat:EXPIRED err:000');
    const failed = await deliveryOf(t.ctx, a, id);
    await report(url, 1, 'id:10 stat:DELIVRD err:000');
    expect(await deliveryOf(t.ctx, a, id)).toEqual(failed);
  });

  it('applies reports that arrive together, each answered once applied', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => delivery()));
    const missing = crypto.randomUUID();
    const answers = await Promise.all([
      ...ids.map((id, i) => report(dlrUrl(t.ctx.config, a, id), i % 2 ? 1 : 2, 'stat:EXPIRED')),
      report(dlrUrl(t.ctx.config, a, missing), 1),
    ]);
    expect(answers.slice(0, 40).map((r) => r.json())).toEqual(ids.map(() => ({ recorded: true })));
    expect(answers[40]!.json()).toEqual({ recorded: false });
    const states = await Promise.all(ids.map((id) => deliveryOf(t.ctx, a, id)));
    expect(states.map((d) => d.state)).toEqual(ids.map((_, i) => (i % 2 ? 'delivered' : 'failed')));
  });

  it('refuses a forged, altered or foreign token before reading anything', async () => {
    const id = await delivery();
    const good = dlrUrl(t.ctx.config, a, id);
    const forged = dlrUrl({ ...t.ctx.config, secret: 'another installation' }, a, id);
    const otherDelivery = good.replace(
      id,
      id.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    );
    const otherTenant = good.replace(a, b);
    for (const url of [forged, otherDelivery, otherTenant]) {
      const res = await report(url, 2, 'stat:UNDELIV');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('sms.link_invalid');
    }
    // an unsubscribe link of the same installation is not a delivery-report token
    const unsub = sign(t.ctx.config.secret, 'unsub', [a, id]);
    const r = await t.app.inject({ url: `/api/sms/dlr?t=${unsub}&status=1` });
    expect(r.statusCode).toBe(403);
    expect(await deliveryOf(t.ctx, a, id)).toMatchObject({ state: 'sent' });
  });

  it('a token of tenant B names no delivery of tenant A', async () => {
    const id = await delivery();
    const res = await report(dlrUrl(t.ctx.config, b, id), 2, 'stat:UNDELIV');
    expect(res.json()).toEqual({ recorded: false });
    expect(await deliveryOf(t.ctx, a, id)).toMatchObject({ state: 'sent' });
  });

  it('says which status values Kannel sends when another arrives', async () => {
    const id = await delivery();
    const res = await report(dlrUrl(t.ctx.config, a, id), 3);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    expect(res.json().error.message).toContain('1, 2, 4, 8 or 16');
  });
});

/** An inbound message as smsbox calls get-url: %p, %P, %a (url-encoded bytes), %c, %C, %I. */
const inbound = (
  url: string,
  from: string,
  text: string,
  charset = 'UTF-8',
  id: string = crypto.randomUUID(),
) => {
  const bytes =
    charset === 'UTF-16BE' ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'utf8');
  const a = [...bytes].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('');
  return t.app.inject({
    url: url
      .replace(t.ctx.config.publicUrl, '')
      .replace('%p', encodeURIComponent(from))
      .replace('%P', '12345')
      .replace('%a', a)
      .replace('%c', charset === 'UTF-16BE' ? '2' : '0')
      .replace('%C', charset)
      .replace('%I', id),
  });
};

describe('inbound messages (get-url)', () => {
  it('keeps a reply sent as UCS-2 bytes, read in the charset Kannel names', async () => {
    const res = await inbound(
      inboundUrl(t.ctx.config, a),
      '886922111222',
      '謝謝，下週見',
      'UTF-16BE',
    );
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const rows = await t.ctx.db.withTenant(a, (tx) =>
      tx
        .selectFrom('inbound_messages')
        .select(['from_address', 'body_text', 'member_id', 'kind'])
        .execute(),
    );
    expect(rows).toContainEqual({
      from_address: '+886922111222',
      body_text: '謝謝，下週見',
      member_id: memberId,
      kind: 'reply',
    });
    expect((await smsConsentOf(t.ctx, a, memberId))?.granted).toBe(true);
  });

  it('a reply smsbox sends again (same Kannel message id) is kept once', async () => {
    const url = inboundUrl(t.ctx.config, a);
    expect(url).toContain('id=%I');
    const id = crypto.randomUUID();
    for (let i = 0; i < 3; i++) {
      expect((await inbound(url, '+886922111222', '週六見', 'UTF-8', id)).statusCode).toBe(204);
    }
    await inbound(url, '+886922111222', '週六見');
    const rows = await t.ctx.db.withTenant(a, (tx) =>
      tx
        .selectFrom('inbound_messages')
        .select('body_text')
        .where('body_text', '=', '週六見')
        .execute(),
    );
    expect(rows).toHaveLength(2);
  });

  it('退订 from a national number withdraws SMS consent at once', async () => {
    const { memberId: other } = await smsMember(t.app, 'sms-a', '0933444555', '陳志明');
    await inbound(inboundUrl(t.ctx.config, a), '0933444555', '退订');
    expect(await smsConsentOf(t.ctx, a, other)).toMatchObject({
      granted: false,
      source: 'sms_keyword',
    });
  });

  it('refuses a forged or altered inbound address; B’s address never reaches A’s members', async () => {
    const { memberId: other } = await smsMember(t.app, 'sms-a', '0955666777', '張雅婷');
    const forged = inboundUrl({ ...t.ctx.config, secret: 'another installation' }, a);
    const res = await inbound(forged, '+886955666777', 'STOP');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('sms.link_invalid');
    expect(
      (await inbound(inboundUrl(t.ctx.config, a).replace(a, b), '+886955666777', 'STOP'))
        .statusCode,
    ).toBe(403);
    expect((await inbound(inboundUrl(t.ctx.config, b), '+886955666777', 'STOP')).statusCode).toBe(
      204,
    );
    expect((await smsConsentOf(t.ctx, a, other))?.granted).toBe(true);
  });
});

describe('gateway set-up', () => {
  it('shows the administrator the inbound address and the Kannel service to paste', async () => {
    const admin = await signIn(t.app, 'sms-a', 'admin@sms-a.test');
    const res = await admin.inject({ url: '/api/sms/gateway' });
    expect(res.json()).toMatchObject({ live: false, inboundUrl: inboundUrl(t.ctx.config, a) });
    expect(res.json().kannelService).toContain(`get-url = "${inboundUrl(t.ctx.config, a)}"`);
    expect(res.json().kannelService).toContain('max-messages = 0');
  });
});
