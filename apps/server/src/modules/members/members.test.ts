import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { verifySigned } from '../../platform/signing';

let t: TestApp;
let tenantId: string;
let admin: Caller;
let manager: Caller;
let assistant: Caller;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'm360')).tenantId;
  admin = await signIn(t.app, 'm360', 'admin@m360.test');
  manager = await signIn(t.app, 'm360', 'customer_manager@m360.test');
  assistant = await signIn(t.app, 'm360', 'customer_assistant@m360.test');
});
afterAll(() => t.close());

const create = (who: Caller, body: Record<string, unknown>) =>
  who.inject({ method: 'POST', url: '/api/members', payload: body });

describe('members', () => {
  let wang: { memberId: string; cardNumber: string; version: number };

  it('are added with contact details normalised and shown masked', async () => {
    const res = await create(assistant, {
      name: '王小明',
      gender: 'male',
      birthday: '1987-05-12',
      phone: '０９１２－３４５－６７８',
      email: 'Wang.XM@Example.com',
      address: '台北市信義區松壽路12號',
      tags: ['VIP', '麻辣鍋', 'VIP'],
      consents: { sms: true, email: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.phone).toBe('0912-***-678');
    expect(m.email).toBe('w***@example.com');
    expect(m.address).toBe('台北市信義區***');
    expect(m.contactMasked).toBe(true);
    expect(m.addressAs).toBe('Mr Wang');
    expect(m.tags).toEqual(['VIP', '麻辣鍋']);
    expect(m.cardNumber).toMatch(/^\d{10}$/);
    expect(m.source).toBe('staff');
    expect(m.fieldSources.phone.source).toBe('staff');
    expect(m.consents.sms.granted).toBe(true);
    wang = m;
  });

  it('show contact details only to roles that may see them, and audit each view', async () => {
    expect(
      (await assistant.inject({ url: `/api/members/${wang.memberId}/contact` })).statusCode,
    ).toBe(403);
    const res = await manager.inject({
      url: `/api/members/${wang.memberId}/contact`,
      headers: { 'accept-language': 'zh-TW' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe('0912-345-678');
    expect(res.json().phoneE164).toBe('+886912345678');
    expect(res.json().email).toBe('wang.xm@example.com');
    const audit = await admin.inject({
      url: `/api/audit-log?entityType=member&entityId=${wang.memberId}&action=member.contact_viewed`,
    });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0].actorName).toContain('customer_manager');
  });

  it('refuse a second member with the same mobile number, naming the holder', async () => {
    const res = await create(manager, { name: '王大明', phone: '+886 912 345 678' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('member.duplicate_phone');
    expect(res.json().error.message).toContain(wang.cardNumber);
  });

  it('explain a phone number that cannot be read', async () => {
    const res = await create(manager, { name: '李四', phone: '12345' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('member.invalid_phone');
    expect(res.json().error.details.field).toBe('phone');
  });

  it('never overwrite a newer version', async () => {
    const ok = await manager.inject({
      method: 'PATCH',
      url: `/api/members/${wang.memberId}`,
      payload: { address: '台北市大安區復興南路1號', version: wang.version },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(wang.version + 1);
    const stale = await assistant.inject({
      method: 'PATCH',
      url: `/api/members/${wang.memberId}`,
      payload: { name: '王曉明', version: wang.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.version');
    const now = await manager.inject({ url: `/api/members/${wang.memberId}` });
    expect(now.json().name).toBe('王小明');
    wang = now.json();
  });

  it('record consent decisions with their history', async () => {
    const res = await manager.inject({
      method: 'PUT',
      url: `/api/members/${wang.memberId}/consents/email`,
      payload: { granted: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().consents.email).toMatchObject({ granted: true, source: 'staff' });
    const history = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('member_consent_history')
        .select(['channel', 'granted'])
        .where('member_id', '=', wang.memberId)
        .orderBy('entry_id')
        .execute(),
    );
    expect(history).toEqual([
      { channel: 'sms', granted: true },
      { channel: 'email', granted: false },
      { channel: 'email', granted: true },
    ]);
  });

  it('carry a card number and a signed QR payload', async () => {
    const res = await assistant.inject({ url: `/api/members/${wang.memberId}/card` });
    const card = res.json();
    expect(verifySigned(t.ctx.config.secret, 'rc1', card.qr)).toEqual([tenantId, wang.cardNumber]);
    expect(
      verifySigned(
        t.ctx.config.secret,
        'rc1',
        card.qr.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBeNull();
  });

  it('record a member.created event', async () => {
    const events = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('domain_events')
        .select(['type', 'payload'])
        .where('type', '=', 'member.created')
        .execute(),
    );
    expect(events.map((e) => (e.payload as { memberId: string }).memberId)).toContain(
      wang.memberId,
    );
  });
});

describe('member search', () => {
  beforeAll(async () => {
    for (const [name, phone, tags] of [
      ['林美玲', '0922-111-222', ['VIP']],
      ['陳志明', '+86 138 0013 8000', []],
      ['Amy Chen', '0933 444 555', ['網購']],
    ] as const) {
      expect(
        (await create(admin, { name, phone, tags, email: `${phone.replace(/\D/g, '')}@mail.test` }))
          .statusCode,
      ).toBe(200);
    }
  });

  const find = async (q: string, extra = '') => {
    const res = await assistant.inject({ url: `/api/members?q=${encodeURIComponent(q)}${extra}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { name: string }[]).map((m) => m.name).sort();
  };

  it.each([
    ['小明', ['王小明']],
    ['王', ['王小明']],
    ['志明', ['陳志明']],
    ['wangxiaoming', ['王小明']],
    ['wxm', ['王小明']],
    ['WXM', ['王小明']],
    ['0912-345-678', ['王小明']],
    ['+886912345678', ['王小明']],
    ['13800138000', ['陳志明']],
    ['138 0013 8000', ['陳志明']],
    ['5678', ['王小明']],
    ['amy', ['Amy Chen']],
    ['922111', ['林美玲']],
    ['example.com', ['王小明']],
    ['zzzz', []],
    ['%', []],
  ])('%s finds %j', async (q, names) => {
    expect(await find(q)).toEqual(names);
  });

  it('finds by card number', async () => {
    const all = await assistant.inject({ url: '/api/members?q=lml' });
    const card = all.json().items[0].cardNumber as string;
    expect(await find(card)).toEqual(['林美玲']);
  });

  it('filters by tag and pages with a cursor', async () => {
    expect(await find('', '&tag=VIP')).toEqual(['林美玲', '王小明']);
    const first = await assistant.inject({ url: '/api/members?limit=2' });
    expect(first.json().items).toHaveLength(2);
    const next = await assistant.inject({
      url: `/api/members?limit=2&cursor=${first.json().nextCursor}`,
    });
    expect(next.json().items).toHaveLength(2);
    const names = [...first.json().items, ...next.json().items].map(
      (m: { name: string }) => m.name,
    );
    expect(new Set(names).size).toBe(4);
    expect(next.json().nextCursor).toBeNull();
  });
});

describe('custom fields', () => {
  it('are defined by an administrator and validate members', async () => {
    const def = await admin.inject({
      method: 'POST',
      url: '/api/custom-fields',
      payload: {
        key: 'spice',
        label: { 'zh-CN': '辣度', 'zh-TW': '辣度', en: 'Spice level' },
        type: 'choice',
        options: [
          { value: 'mild', label: '小辣' },
          { value: 'hot', label: '大辣' },
        ],
      },
    });
    expect(def.statusCode, def.body).toBe(200);
    expect(
      (
        await manager.inject({
          method: 'POST',
          url: '/api/custom-fields',
          payload: { key: 'x', label: { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' }, type: 'text' },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await create(manager, { name: '趙六', custom: { spice: 'volcanic' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('custom_field.invalid');
    expect(bad.json().error.details.problems).toEqual([
      { field: 'spice', reason: 'value.unknown_option' },
    ]);
    const unknown = await create(manager, { name: '趙六', custom: { shoe_size: 42 } });
    expect(unknown.json().error.details.problems[0].reason).toBe('value.unknown_field');
    const good = await create(manager, { name: '趙六', custom: { spice: 'hot' } });
    expect(good.json().custom).toEqual({ spice: 'hot' });
  });
});

describe('erasing a member', () => {
  it('removes the member and their history, and the audit log keeps that it happened', async () => {
    const m = (
      await create(manager, { name: '待刪除', phone: '0955-000-111', consents: { sms: true } })
    ).json();
    expect(
      (await assistant.inject({ method: 'DELETE', url: `/api/members/${m.memberId}` })).statusCode,
    ).toBe(403);
    expect(
      (await manager.inject({ method: 'DELETE', url: `/api/members/${m.memberId}` })).statusCode,
    ).toBe(200);
    expect((await manager.inject({ url: `/api/members/${m.memberId}` })).statusCode).toBe(404);
    const left = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('member_consent_history')
        .select('entry_id')
        .where('member_id', '=', m.memberId)
        .execute(),
    );
    expect(left).toHaveLength(0);
    const audit = await admin.inject({
      url: `/api/audit-log?entityId=${m.memberId}&action=member.erased`,
    });
    expect(audit.json().items).toHaveLength(1);
    // the phone number is free again
    expect((await create(manager, { name: '新會員', phone: '0955000111' })).statusCode).toBe(200);
  });
});
