import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { drainOutbox } from './test-helpers';
import { variablesUsed } from './variables';

let t: TestApp;
let tenantId: string;
let marketing: Caller;
let manager: Caller;
let wang: string;
let lin: string;

const variants = {
  'zh-TW': {
    subject: '{{ member.salutation }}，生日快樂',
    text: '{{ member.salutation }}您好，{{ business.name }}祝您生日快樂！',
  },
  en: {
    subject: 'Happy birthday, {{ member.salutation }}',
    text: 'Dear {{ member.salutation }}, happy birthday from {{ business.name }}!',
    html: '<p>Dear <b>{{ member.salutation }}</b> ({{ member.name | default: "friend" }})</p>',
  },
};

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'tpl')).tenantId;
  marketing = await signIn(t.app, 'tpl', 'marketing_manager@tpl.test');
  manager = await signIn(t.app, 'tpl', 'customer_manager@tpl.test');
  const a = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '王大明', gender: 'male', language: 'en', email: 'wang@example.com' },
  });
  wang = a.json().memberId;
  const b = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: {
      name: '林<script>x</script>',
      gender: 'female',
      language: 'zh-TW',
      email: 'lin@example.com',
    },
  });
  lin = b.json().memberId;
});
afterAll(() => t.close());

describe('message templates', () => {
  it('refuses unknown variables and malformed slots, saying where, in each language', async () => {
    for (const [lang, words] of [
      ['en', 'template (en) has a problem: member.password'],
      ['zh-TW', '範本（en）有誤：member.password'],
      ['zh-CN', '模板（en）有误：member.password'],
    ] as const) {
      const res = await marketing.inject({
        method: 'POST',
        url: '/api/messaging/templates',
        payload: {
          name: 'Bad',
          category: 'marketing',
          variants: { en: { text: 'Hi {{ member.password }}' } },
        },
        headers: { 'accept-language': lang },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(words);
    }
    const none = await marketing.inject({
      method: 'POST',
      url: '/api/messaging/templates',
      payload: { name: 'Empty', category: 'marketing', variants: {} },
    });
    expect(none.json().error.code).toBe('template.no_variant');
  });

  it('previews per language with the salutation, escaping hostile member data in HTML', async () => {
    const created = await marketing.inject({
      method: 'POST',
      url: '/api/messaging/templates',
      payload: { name: 'Birthday', category: 'marketing', variants },
    });
    expect(created.statusCode, created.body).toBe(200);
    const templateId = created.json().templateId;
    const dup = await marketing.inject({
      method: 'POST',
      url: '/api/messaging/templates',
      payload: { name: 'birthday', category: 'marketing', variants },
    });
    expect(dup.json().error.code).toBe('template.duplicate_name');
    const en = await manager.inject({
      method: 'POST',
      url: '/api/messaging/preview',
      payload: { memberId: wang, channel: 'email', templateId },
    });
    expect(en.json()).toMatchObject({
      language: 'en',
      to: 'wang@example.com',
      subject: 'Happy birthday, Mr Wang',
      text: 'Dear Mr Wang, happy birthday from Shop tpl!',
      html: '<p>Dear <b>Mr Wang</b> (王大明)</p>',
    });
    const zh = await manager.inject({
      method: 'POST',
      url: '/api/messaging/preview',
      payload: { memberId: lin, channel: 'email', templateId },
    });
    // A name that is not all Han characters is used in full (subjects are plain text).
    expect(zh.json()).toMatchObject({
      language: 'zh-TW',
      subject: '林<script>x</script>，生日快樂',
    });
    const hostile = await manager.inject({
      method: 'POST',
      url: '/api/messaging/preview',
      payload: { memberId: lin, channel: 'email', text: 'Hi {{ member.name }}' },
    });
    expect(hostile.json().html).toContain('林&lt;script&gt;x&lt;/script&gt;');
    expect(hostile.json().text).toBe('Hi 林<script>x</script>'); // plain text and SMS are not HTML
  });

  it('sends from the member card with a template; a switched-off template is refused', async () => {
    const list = await manager.inject({ method: 'GET', url: '/api/messaging/templates' });
    const tpl = list.json().items.find((x: { name: string }) => x.name === 'Birthday');
    const sent = await manager.inject({
      method: 'POST',
      url: `/api/members/${wang}/messages`,
      payload: { channel: 'email', category: 'marketing', templateId: tpl.templateId },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    await drainOutbox(t.ctx, tenantId);
    const off = await marketing.inject({
      method: 'PUT',
      url: `/api/messaging/templates/${tpl.templateId}`,
      payload: {
        name: tpl.name,
        category: tpl.category,
        variants: tpl.variants,
        active: false,
        version: tpl.version,
      },
    });
    expect(off.statusCode, off.body).toBe(200);
    const stale = await marketing.inject({
      method: 'PUT',
      url: `/api/messaging/templates/${tpl.templateId}`,
      payload: {
        name: tpl.name,
        category: tpl.category,
        variants: tpl.variants,
        active: true,
        version: tpl.version,
      },
    });
    expect(stale.statusCode).toBe(409);
    const refused = await manager.inject({
      method: 'POST',
      url: `/api/members/${wang}/messages`,
      payload: { channel: 'email', templateId: tpl.templateId },
    });
    expect(refused.json().error.code).toBe('message.template_inactive');
    const denied = await manager.inject({
      method: 'POST',
      url: '/api/messaging/templates',
      payload: { name: 'Mine', category: 'marketing', variants },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('variables a message needs', () => {
  it('are read from every part of every variant, so only their providers are asked', () => {
    const used = variablesUsed([
      {
        subject: '{{ member.salutation }}，您好',
        text: '餘額 {{ points.balance | default: "0" }} 點',
      },
      { text: 'Hi', html: '<p>{{ tier.name }}</p>{{ not a slot }}' },
    ]);
    expect([...used].sort()).toEqual(['member.salutation', 'points.balance', 'tier.name']);
    expect(variablesUsed([{ text: 'Thank you for your order' }]).size).toBe(0);
  });
});
