import { cardNumber } from '@regulars/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant, signIn } from '../../../../../../test/app';
import { expectError } from '../../../../../../test/expect-error';
import { loyaltyFixture } from './pos-kit';

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let lin: { memberId: string; cardNumber: string; qr: string };

const find = (query: string, lang = 'en') =>
  f.till({ method: 'GET', url: `/api/pos/members?${query}`, headers: { 'accept-language': lang } });

async function cardOf(memberId: string) {
  return f.ok(await f.admin.inject({ url: `/api/members/${memberId}/card` }));
}

beforeAll(async () => {
  f = await loyaltyFixture('till-lookup');
  await f.rule({ name: 'Base: 1 point per NT$100' });
  const made = await f.ok(
    await f.post('/api/members', { name: '林美玲', gender: 'female', phone: '0912-345-678' }),
  );
  const card = await cardOf(made.memberId);
  lin = { memberId: made.memberId, cardNumber: card.cardNumber, qr: card.qr };
  await f.ok(
    await f.sale(lin.memberId, 'lookup-sale', [{ name: 'Hot pot', unitPriceMinor: 50_000 }]),
  );
  await f.ok(
    await f.till({
      url: '/api/pos/stored-value/top-ups',
      payload: { memberId: lin.memberId, amountMinor: 20_000, externalId: 'lookup-top' },
    }),
  );
});
afterAll(() => f.t.close());

describe('the till finds the member in front of it', () => {
  it('by a phone number in any format, masking it, with points, tier and stored value', async () => {
    for (const phone of ['0912-345-678', '0912345678', '+886 912 345 678', '(09) 1234 5678']) {
      const card = await f.ok(await find(`phone=${encodeURIComponent(phone)}`));
      expect(card.memberId, phone).toBe(lin.memberId);
    }
    const card = await f.ok(await find('phone=0912345678', 'zh-TW'));
    expect(card).toMatchObject({
      cardNumber: lin.cardNumber,
      name: '林美玲',
      addressAs: '林小姐',
      tierStatus: 'none',
      tier: null,
      points: { available: 5 },
      storedValueMinor: 20_000,
      coupons: [],
    });
    expect(card.phoneMasked).toMatch(/^0912-\*+-678$/);
    expect(JSON.stringify(card)).not.toContain('345');
  });

  it('by card number (spaces allowed), refusing one whose check digit is wrong', async () => {
    const spaced = lin.cardNumber.replace(/(\d{4})(\d{4})/, '$1 $2 ');
    expect((await f.ok(await find(`card=${encodeURIComponent(spaced)}`))).memberId).toBe(
      lin.memberId,
    );
    const last = Number(lin.cardNumber.at(-1));
    const wrong = lin.cardNumber.slice(0, -1) + String((last + 1) % 10);
    const messages = await Promise.all(
      ['zh-CN', 'zh-TW', 'en'].map(
        async (lang) =>
          expectError(await find(`card=${wrong}`, lang), 400, 'pos.invalid_card').message,
      ),
    );
    expect(messages[0]).toContain('检查码');
    expect(messages[1]).toContain('檢查碼');
    expect(messages[2]).toContain(`Card number ${wrong} is not valid`);
  });

  it('by the signed QR of the card, refusing a forged one and another business’s', async () => {
    const card = await f.ok(await find(`qr=${encodeURIComponent(lin.qr)}`));
    expect(card.memberId).toBe(lin.memberId);
    // Another card number under the same signature is a forgery.
    const parts = lin.qr.split('.');
    const forged = [parts[0], parts[1], cardNumber(99_999), parts[3]].join('.');
    const forgedErrors = await Promise.all(
      ['zh-CN', 'zh-TW', 'en'].map(
        async (lang) =>
          expectError(await find(`qr=${encodeURIComponent(forged)}`, lang), 400, 'pos.invalid_qr')
            .message,
      ),
    );
    expect(forgedErrors[0]).toContain('二维码');
    expect(forgedErrors[1]).toContain('QR 碼');
    expect(forgedErrors[2]).toContain('not a member card of this system');
    expectError(await find('qr=hello'), 400, 'pos.invalid_qr');
    const other = await seedTenant(f.t.ctx, 'other-shop');
    const otherAdmin = await signIn(f.t.app, 'other-shop', other.emails.admin);
    const theirs = await f.ok(
      await otherAdmin.inject({
        method: 'POST',
        url: '/api/members',
        payload: { name: '陳大文', phone: '0912-345-678' },
      }),
    );
    const theirCard = await f.ok(
      await otherAdmin.inject({ url: `/api/members/${theirs.memberId}/card` }),
    );
    const err = expectError(
      await find(`qr=${encodeURIComponent(theirCard.qr as string)}`, 'zh-CN'),
      400,
      'pos.qr_other_business',
    );
    expect(err.message).toContain('另一家商家');
    expect(JSON.stringify(err)).not.toContain(theirs.memberId);
    // Card numbers count per business (theirs is ours too): only the QR says whose card it is.
    expect(theirCard.cardNumber).toBe(lin.cardNumber);
  });

  it('says clearly when nobody has the number or card, without showing the number whole', async () => {
    const err = expectError(
      await find('phone=0987-654-321', 'zh-TW'),
      404,
      'pos.no_member_with_phone',
    );
    expect(err.message).toMatch(/找不到手機號碼為 0987-\*+-321 的會員/);
    expectError(await find('phone=12'), 400, 'member.invalid_phone');
    expectError(await find(`card=${cardNumber(99_999)}`), 404, 'pos.no_member_with_card');
  });

  it('takes exactly one of phone, card or qr', async () => {
    expectError(await find(''), 400, 'request.invalid');
    expectError(await find(`phone=0912345678&card=${lin.cardNumber}`), 400, 'request.invalid');
    expectError(await find('name=Lin'), 400, 'request.invalid');
  });

  it('finds the surviving member from the old card or QR of a merged record', async () => {
    const dup = await f.ok(await f.post('/api/members', { name: '林美玲 (old card)' }));
    const dupCard = await cardOf(dup.memberId);
    const keep = await f.ok(await f.admin.inject({ url: `/api/members/${lin.memberId}` }));
    await f.ok(
      await f.post(`/api/members/${lin.memberId}/merge`, {
        duplicateId: dup.memberId,
        version: keep.version,
        duplicateVersion: dup.version,
      }),
    );
    const byCard = await f.ok(await find(`card=${dupCard.cardNumber as string}`));
    expect(byCard.memberId).toBe(lin.memberId);
    expect(byCard.cardNumber).toBe(lin.cardNumber);
    const byQr = await f.ok(await find(`qr=${encodeURIComponent(dupCard.qr as string)}`));
    expect(byQr.memberId).toBe(lin.memberId);
  });

  it('is for callers allowed to use the till', async () => {
    const res = await f.t.app.inject({ url: `/api/pos/members?card=${lin.cardNumber}` });
    expect(res.statusCode).toBe(401);
  });
});
