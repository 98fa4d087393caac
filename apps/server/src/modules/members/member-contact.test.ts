import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';

let t: TestApp;
let manager: Caller;
let assistant: Caller;
let memberId: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedTenant(t.ctx, 'phones'); // a business in Taiwan
  manager = await signIn(t.app, 'phones', 'customer_manager@phones.test');
  assistant = await signIn(t.app, 'phones', 'customer_assistant@phones.test');
  const m = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: {
      name: '周杰',
      phone: '+886 912 345 678',
      otherPhones: ['(02) 2345-6789', '+86 138 0013 8000'],
    },
  });
  expect(m.statusCode, m.body).toBe(200);
  memberId = m.json().memberId;
});
afterAll(() => t.close());

const MASKED = {
  phone: '0912-***-678',
  otherPhones: ['02-****-6789', '+86 138-****-8000'],
  phoneE164: null,
  otherPhonesE164: [],
};
const SHOWN = {
  phone: '0912-345-678',
  otherPhones: ['02-2345-6789', '+86 138-0013-8000'],
  phoneE164: '+886912345678',
  otherPhonesE164: ['+886223456789', '+8613800138000'],
};

describe('phone numbers of a member', () => {
  it('are masked in the form staff write them: national for the business’s country, with the country code otherwise', async () => {
    const res = await assistant.inject({ url: `/api/members/${memberId}` });
    expect(res.json()).toMatchObject(MASKED);
    const list = await assistant.inject({ url: `/api/members?q=${encodeURIComponent('周杰')}` });
    expect(list.json().items[0]).toMatchObject(MASKED);
  });

  it('are revealed in that same form, digit for digit, with E.164 alongside for tel: links', async () => {
    const res = await manager.inject({ url: `/api/members/${memberId}/contact` });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject(SHOWN);
    const masked = [MASKED.phone, ...MASKED.otherPhones];
    [m.phone, ...m.otherPhones].forEach((shown: string, i: number) => {
      expect(shown.length).toBe(masked[i]!.length);
      [...masked[i]!].forEach((c, j) => c !== '*' && expect(shown[j]).toBe(c));
    });
  });

  it('read back as typed: saving the revealed form changes nothing', async () => {
    const shown = (await manager.inject({ url: `/api/members/${memberId}/contact` })).json();
    const res = await manager.inject({
      method: 'PATCH',
      url: `/api/members/${memberId}`,
      payload: { phone: shown.phone, otherPhones: shown.otherPhones, version: shown.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(MASKED);
    const again = (await manager.inject({ url: `/api/members/${memberId}/contact` })).json();
    expect(again).toMatchObject(SHOWN);
  });
});
