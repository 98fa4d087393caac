import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { createDb, sql } from '@regulars/db';
import { expectError } from '../../../../../test/expect-error';
import { upcomingDates } from './caller-id.service';

let t: TestApp;
let admin: Caller;
let manager: Caller;
let assistant: Caller;
let other: Caller;
let wang: Json;
const tenants: string[] = [];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

const ok = async (res: { statusCode: number; body: string; json(): Json }) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const post = (who: Caller, url: string, payload: object) =>
  who.inject({ method: 'POST', url, payload }).then(ok);
const lookUp = (who: Caller, phone: string, lang = 'en') =>
  who.inject({
    url: `/api/caller-id?phone=${encodeURIComponent(phone)}`,
    headers: { 'accept-language': lang },
  });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T04:00:00Z');
  tenants.push((await seedTenant(t.ctx, 'callers')).tenantId);
  tenants.push((await seedTenant(t.ctx, 'elsewhere')).tenantId);
  admin = await signIn(t.app, 'callers', 'admin@callers.test');
  manager = await signIn(t.app, 'callers', 'customer_manager@callers.test');
  assistant = await signIn(t.app, 'callers', 'customer_assistant@callers.test');
  other = await signIn(t.app, 'elsewhere', 'admin@elsewhere.test');
  wang = await post(admin, '/api/members', {
    name: '王小明',
    gender: 'male',
    birthday: '1987-03-15',
    phone: '0912-345-678',
    otherPhones: ['+86 138 0013 8000'],
    tags: ['VIP', '麻辣鍋'],
  });
  for (const body of ['first', 'second', 'third', 'fourth']) {
    t.clock.advance(60_000);
    await post(admin, `/api/members/${wang.memberId}/notes`, { body });
  }
  await post(admin, '/api/tasks', { memberId: wang.memberId, title: 'Call back about the sofa' });
  await post(admin, '/api/tasks', {
    memberId: wang.memberId,
    title: 'Deliver the mattress',
    dueAt: '2026-03-12T02:00:00Z',
  });
  await post(admin, '/api/purchases', {
    memberId: wang.memberId,
    occurredAt: '2026-02-01T03:00:00Z',
    lines: [{ name: 'Hot pot for two', unitPriceMinor: 88000 }],
  });
  await post(admin, `/api/members/${wang.memberId}/anniversaries`, {
    kind: 'wedding',
    label: '結婚紀念日',
    date: '2015-04-01',
  });
  // Someone with the same number in another business must never answer for ours.
  await post(other, '/api/members', { name: '李大同', phone: '0912-345-678' });
});
afterAll(() => t.close());

describe('caller ID', () => {
  it.each(['0912-345-678', '+886 912 345 678', '０９１２３４５６７８', '(0912) 345678'])(
    'finds the member by %s',
    async (phone) => {
      const body = await ok(await lookUp(manager, phone));
      expect(body.member?.memberId).toBe(wang.memberId);
      expect(body.member.matchedBy).toBe('phone');
      expect(body.phone).toBe('0912-345-678'); // as staff in Taiwan write it
    },
  );

  it('finds the member by one of their other numbers, written the mainland way', async () => {
    const body = await ok(await lookUp(manager, '138 0013 8000'));
    expect(body.member.memberId).toBe(wang.memberId);
    expect(body.member.matchedBy).toBe('other_phone');
  });

  it('returns the card: greeting, tags, spending, open tasks, last notes, coming dates', async () => {
    const { member } = await ok(await lookUp(assistant, '0912345678', 'zh-TW'));
    expect(member.name).toBe('王小明');
    expect(member.addressAs).toBe('王先生');
    expect(member.cardNumber).toBe(wang.cardNumber);
    expect(member.tags).toEqual(['VIP', '麻辣鍋']);
    expect(member.matches).toBe(1);
    expect(member.stats).toMatchObject({ purchaseCount: 1, totalSpentMinor: 88000 });
    expect(member.lastPurchase).toMatchObject({
      totalMinor: 88000,
      occurredAt: '2026-02-01T03:00:00.000Z',
    });
    expect(member.openTasks.map((x: { title: string }) => x.title)).toEqual([
      'Deliver the mattress',
      'Call back about the sofa',
    ]);
    expect(member.lastNotes.map((n: { body: string }) => n.body)).toEqual([
      'fourth',
      'third',
      'second',
    ]);
    expect(member.upcoming).toEqual([
      { kind: 'birthday', label: '', date: '1987-03-15', nextOn: '2026-03-15', daysAway: 5 },
      {
        kind: 'wedding',
        label: '結婚紀念日',
        date: '2015-04-01',
        nextOn: '2026-04-01',
        daysAway: 22,
      },
    ]);
  });

  it('masks the number for roles that may not see contact details', async () => {
    expect((await ok(await lookUp(assistant, '0912-345-678'))).phone).toBe('0912-***-678');
    expect((await ok(await lookUp(manager, '0912-345-678'))).phone).toBe('0912-345-678');
    // A foreign number keeps its country code.
    expect((await ok(await lookUp(manager, '+86 138 0013 8000'))).phone).toBe('+86 138-0013-8000');
    expect((await ok(await lookUp(assistant, '+86 138 0013 8000'))).phone).toBe(
      '+86 138-****-8000',
    );
  });

  it('answers a stranger with member null, and a non-number with a clear 400', async () => {
    const stranger = await ok(await lookUp(manager, '0987 654 321'));
    expect(stranger).toEqual({ phone: '0987-654-321', member: null });
    const error = expectError(await lookUp(manager, 'not a phone'), 400, 'member.invalid_phone');
    expect(error.message).toContain('not a phone');
  });

  it("never answers with another business's member", async () => {
    const theirs = await ok(await lookUp(other, '0912-345-678'));
    expect(theirs.member.name).toBe('李大同');
    const again = await ok(await lookUp(manager, '0912-345-678'));
    expect(again.member.name).toBe('王小明');
  });

  it('no longer finds a merged-away or erased member', async () => {
    const gone = await post(admin, '/api/members', { name: 'Gone', phone: '0922-000-111' });
    expect((await ok(await lookUp(manager, '0922000111'))).member.name).toBe('Gone');
    const del = await admin.inject({ method: 'DELETE', url: `/api/members/${gone.memberId}` });
    expect(del.statusCode).toBe(200);
    expect((await ok(await lookUp(manager, '0922000111'))).member).toBeNull();
  });
});

describe('the lookup in one statement (caller_card)', () => {
  it('follows a change of the business’s phone country at once', async () => {
    const settings = async (phoneCountry: string) => {
      const now = await ok(await admin.inject({ url: '/api/settings' }));
      for (const readOnly of ['tenantId', 'slug', 'isDemo']) delete now[readOnly];
      await ok(
        await admin.inject({
          method: 'PUT',
          url: '/api/settings',
          payload: { ...now, phoneCountry },
        }),
      );
    };
    // Read once with TW remembered: a mainland number typed without +86 is a stranger's number.
    expect((await ok(await lookUp(manager, '0912-345-678'))).member.memberId).toBe(wang.memberId);
    await settings('CN');
    const mainland = await ok(await lookUp(manager, '138 0013 8000'));
    expect(mainland.phone).toBe('138-0013-8000'); // domestic now
    expect(mainland.member.memberId).toBe(wang.memberId);
    await settings('TW');
    expect((await ok(await lookUp(manager, '0912 345 678'))).phone).toBe('0912-345-678');
  });

  it('binds only its own statement to the business, and never switches a bound one', async () => {
    const [a, b] = tenants;
    const one = createDb(t.ctx.db.ownerUrl, { max: 1 });
    try {
      const card = await sql<{ name: string }>`SELECT name FROM caller_card(${a}::uuid, 'TW',
        '+886912345678', NULL, now())`.execute(one.app);
      expect(card.rows[0]!.name).toBe('王小明');
      // The same (only) connection afterwards: no business is left set on it.
      const after = await sql<{
        v: string | null;
      }>`SELECT current_setting('app.tenant_id', true) AS v`.execute(one.app);
      expect(after.rows[0]!.v ?? '').toBe('');
      await expect(
        one.withTenant(b!, (tx) =>
          sql`SELECT * FROM caller_card(${a}::uuid, 'TW', '+886912345678', NULL, now())`.execute(
            tx,
          ),
        ),
      ).rejects.toThrow(/another business/);
      const theirs = await one.withTenant(b!, (tx) =>
        sql<{
          name: string;
        }>`SELECT name FROM caller_card(NULL, 'TW', '+886912345678', NULL, now())`.execute(tx),
      );
      expect(theirs.rows[0]!.name).toBe('李大同');
    } finally {
      await one.close();
    }
  });
});

describe('upcoming dates', () => {
  it('wraps round the year end and keeps 29 February in common years', () => {
    const dates = [
      { kind: 'birthday', label: '', date: '1992-01-03' },
      { kind: 'other', label: 'leap', date: '2000-02-29' },
      { kind: 'wedding', label: '', date: '2010-06-01' },
    ];
    expect(upcomingDates(dates, '2026-12-20').map((d) => [d.nextOn, d.daysAway])).toEqual([
      ['2027-01-03', 14],
    ]);
    expect(upcomingDates(dates, '2027-02-20').map((d) => [d.nextOn, d.daysAway])).toEqual([
      ['2027-02-28', 8],
    ]);
  });
});
