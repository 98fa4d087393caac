import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { enqueueMessage } from './index';
import { deliveriesOf, drainOutbox } from './test-helpers';

let t: TestApp;
let tenantId: string;
let manager: Caller;
let assistant: Caller;
let admin: Caller;
let memberId: string;

// 2026-03-10 04:00 UTC is noon in Taipei, outside quiet hours (21:00–09:00).
const NOON_TAIPEI = new Date('2026-03-10T04:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOON_TAIPEI);
  tenantId = (await seedTenant(t.ctx, 'outbox')).tenantId;
  manager = await signIn(t.app, 'outbox', 'customer_manager@outbox.test');
  assistant = await signIn(t.app, 'outbox', 'customer_assistant@outbox.test');
  admin = await signIn(t.app, 'outbox', 'admin@outbox.test');
  const m = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: {
      name: '王大明',
      gender: 'male',
      phone: '0922333444',
      email: 'wang@example.com',
      language: 'zh-TW',
      consents: { email: true, sms: true },
    },
  });
  memberId = m.json().memberId;
});
afterAll(() => t.close());

describe('one-to-one messages in development mode', () => {
  it('lets a customer manager send one member a message, kept in the outbox', async () => {
    const res = await manager.inject({
      method: 'POST',
      url: `/api/members/${memberId}/messages`,
      payload: {
        channel: 'email',
        subject: '您的訂位',
        text: '{{ member.salutation }}您好，明晚七點見。',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().state).toBe('queued');
    await drainOutbox(t.ctx, tenantId);
    const list = await manager.inject({
      method: 'GET',
      url: `/api/messaging/deliveries?development=true`,
    });
    const [d] = list.json().items;
    expect(d).toMatchObject({
      state: 'sent',
      provider: 'development',
      to: 'wang@example.com',
      subject: '您的訂位',
      text: '王先生您好，明晚七點見。',
      memberName: '王大明',
    });
    expect(d.html).toContain('王先生您好');
    // The message and its state are on the member's timeline, with who sent it.
    const timeline = await manager.inject({
      method: 'GET',
      url: `/api/members/${memberId}/timeline`,
    });
    expect(timeline.statusCode, timeline.body).toBe(200);
    const entry = timeline.json().items.find((e: { kind: string }) => e.kind === 'message');
    expect(entry).toMatchObject({
      id: d.deliveryId,
      channel: 'email',
      state: 'sent',
      subject: '您的訂位',
      senderName: 'customer_manager of outbox',
    });
  });

  it('refuses assistants, empty messages and channels the member has no address for', async () => {
    const denied = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/messages`,
      payload: { channel: 'sms', text: 'hi' },
    });
    expect(denied.statusCode).toBe(403);
    const empty = await manager.inject({
      method: 'POST',
      url: `/api/members/${memberId}/messages`,
      payload: { channel: 'sms' },
    });
    expect(empty.json().error.code).toBe('message.empty');
    const m = await manager.inject({
      method: 'POST',
      url: '/api/members',
      payload: { name: 'No Mail', phone: '0922333555' },
    });
    const noMail = await manager.inject({
      method: 'POST',
      url: `/api/members/${m.json().memberId}/messages`,
      payload: { channel: 'email', text: 'hi' },
      headers: { 'accept-language': 'zh-TW' },
    });
    expect(noMail.statusCode).toBe(422);
    expect(noMail.json().error.message).toContain('電子郵件');
  });

  it('enqueues a cause once per member and channel, however often it is retried', async () => {
    const input = {
      cause: 'sign-in:abc',
      category: 'transactional' as const,
      channel: 'sms' as const,
      memberId,
      content: { text: '驗證碼 {{ code }}' },
      vars: { code: '123456' },
    };
    const first = await t.ctx.db.withTenant(tenantId, (tx) =>
      enqueueMessage(tx, t.ctx, tenantId, input),
    );
    const again = await t.ctx.db.withTenant(tenantId, (tx) =>
      enqueueMessage(tx, t.ctx, tenantId, input),
    );
    expect(again).toEqual({ deliveryId: first.deliveryId, state: 'queued', created: false });
    await drainOutbox(t.ctx, tenantId);
    const rows = (await deliveriesOf(t.ctx, tenantId, memberId)).filter(
      (d) => d.cause === 'sign-in:abc',
    );
    expect(rows).toHaveLength(1);
    // In development mode the sign-in code is readable in the outbox.
    const list = await admin.inject({
      method: 'GET',
      url: `/api/messaging/deliveries?channel=sms&state=sent`,
    });
    expect(list.json().items[0].text).toBe('驗證碼 123456');
  });
});
