import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { applyDeliveryReport, isUnsubscribeKeyword, receiveInbound } from './index';

let t: TestApp;
let tenantId: string;
let memberId: string;
let manager: Caller;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'inbound')).tenantId;
  manager = await signIn(t.app, 'inbound', 'customer_manager@inbound.test');
  const m = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '林美玲', gender: 'female', phone: '0922111222', consents: { sms: true } },
  });
  memberId = m.json().memberId;
});
afterAll(() => t.close());

const consentOf = () =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('members')
      .select('consents')
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow(),
  );

describe('inbound SMS', () => {
  it('knows the unsubscribe keywords in every form', () => {
    for (const w of ['TD', 'td', ' 退订 ', '退訂', '取消', 'Stop!', 'ＳＴＯＰ']) {
      expect(isUnsubscribeKeyword(w), w).toBe(true);
    }
    for (const w of ['Thanks', '不要取消', 'STOP IT NOW'])
      expect(isUnsubscribeKeyword(w), w).toBe(false);
  });

  it('keeps a reply on the member and withdraws SMS consent on a keyword', async () => {
    const reply = await t.ctx.db.withTenant(tenantId, (tx) =>
      receiveInbound(t.ctx.events, tx, tenantId, {
        channel: 'sms',
        from: '+886922111222',
        text: '謝謝',
        receivedAt: new Date(),
      }),
    );
    expect(reply).toMatchObject({ kind: 'reply', memberId });
    const timeline = await manager.inject({
      method: 'GET',
      url: `/api/members/${memberId}/timeline`,
    });
    expect(timeline.json().items).toContainEqual(
      expect.objectContaining({ kind: 'message_reply', text: '謝謝', channel: 'sms' }),
    );
    expect(((await consentOf()).consents as { sms: { granted: boolean } }).sms.granted).toBe(true);
    const stop = await t.ctx.db.withTenant(tenantId, (tx) =>
      receiveInbound(t.ctx.events, tx, tenantId, {
        channel: 'sms',
        from: '+886922111222',
        text: '退訂',
        receivedAt: new Date(),
      }),
    );
    expect(stop).toMatchObject({ kind: 'unsubscribe', memberId });
    expect((await consentOf()).consents).toMatchObject({
      sms: { granted: false, source: 'sms_keyword' },
    });
  });

  it('ignores a report for a delivery it does not know', async () => {
    const ok = await t.ctx.db.withTenant(tenantId, (tx) =>
      applyDeliveryReport(tx, tenantId, {
        deliveryId: '00000000-0000-4000-8000-000000000000',
        outcome: 'delivered',
        permanent: false,
      }),
    );
    expect(ok).toBe(false);
  });
});
