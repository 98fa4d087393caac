import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { expectError } from '../../../../../test/expect-error';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

let t: TestApp;
let admin: Caller;
let stranger: Caller;

const add = async (name: string, phone: string): Promise<Json> => {
  const res = await admin.inject({ method: 'POST', url: '/api/members', payload: { name, phone } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const merge = async (keep: Json, dup: Json) => {
  const res = await admin.inject({
    method: 'POST',
    url: `/api/members/${keep.memberId}/merge`,
    payload: { duplicateId: dup.memberId, version: keep.version, duplicateVersion: dup.version },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (await admin.inject({ url: `/api/members/${keep.memberId}` })).json() as Json;
};

beforeAll(async () => {
  t = await createTestApp();
  await seedTenant(t.ctx, 'merged');
  await seedTenant(t.ctx, 'elsewhere');
  admin = await signIn(t.app, 'merged', 'admin@merged.test');
  stranger = await signIn(t.app, 'elsewhere', 'admin@elsewhere.test');
});
afterAll(() => t.close());

describe('a member merged into another', () => {
  it('answers 410 member.merged naming the survivor, in each language, following later merges', async () => {
    const keep = await add('林美玲', '0912-000-111');
    const dup = await add('林美玲', '0912-000-222');
    const kept = await merge(keep, dup);

    for (const url of [`/api/members/${dup.memberId}`, `/api/members/${dup.memberId}/contact`]) {
      const err = expectError(await admin.inject({ url }), 410, 'member.merged', url);
      expect(err.details).toEqual({
        entity: 'member',
        mergedInto: keep.memberId,
        cardNumber: keep.cardNumber,
      });
      expect(err.message).toContain(keep.cardNumber);
    }
    const said = async (lang: string) =>
      (
        await admin.inject({
          url: `/api/members/${dup.memberId}`,
          headers: { 'accept-language': lang },
        })
      ).json().error.message as string;
    expect(await said('en')).toMatch(/^This member record was merged into/);
    expect(await said('zh-TW')).toMatch(/^此會員資料已合併至/);
    expect(await said('zh-CN')).toMatch(/^此会员资料已合并到/);

    // The survivor is merged in turn: the first record now leads to the last one.
    const last = await add('林美玲', '0912-000-333');
    await merge(last, kept);
    const err = expectError(
      await admin.inject({ url: `/api/members/${dup.memberId}` }),
      410,
      'member.merged',
    );
    expect(err.details).toMatchObject({ mergedInto: last.memberId, cardNumber: last.cardNumber });
  });

  it('stays a plain 404 for an unknown id and for another business', async () => {
    const keep = await add('張志偉', '0912-000-444');
    const dup = await add('張志偉', '0912-000-555');
    await merge(keep, dup);
    expectError(
      await admin.inject({ url: '/api/members/00000000-0000-4000-8000-000000000000' }),
      404,
      'not_found',
    );
    const res = await stranger.inject({ url: `/api/members/${dup.memberId}` });
    const err = expectError(res, 404, 'not_found');
    expect(JSON.stringify(err)).not.toContain(keep.memberId);
  });
});
