import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { LoyaltyProgramUpdate } from '@regulars/contracts';
import { fieldsOf } from '../../../http/role-matrix';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../../test/app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

/** A business with a loyalty programme, an admin, a till API key and helpers, for loyalty tests. */
export async function loyaltyFixture(slug: string, opts: { work?: boolean } = {}) {
  // Tests move the clock by days and months: sessions must outlive that.
  const t: TestApp = await createTestApp({
    work: opts.work,
    config: { sessionIdleMinutes: 365 * 24 * 60 },
  });
  t.clock.set('2026-03-03T04:00:00Z'); // a Tuesday, noon in Taipei
  const seeded = await seedTenant(t.ctx, slug);
  const admin: Caller = await signIn(t.app, slug, seeded.emails.admin);
  const ok = async (res: LightMyRequestResponse): Promise<Json> => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const post = (url: string, payload: object, who: Caller = admin) =>
    who.inject({ method: 'POST', url, payload });
  const key = await ok(
    await post('/api/api-keys', { name: 'Till', permissions: ['pos.transact', 'members.browse'] }),
  );
  const till = (opts: InjectOptions & { key?: string }) =>
    t.app.inject({
      ...opts,
      method: opts.method ?? 'POST',
      headers: {
        ...opts.headers,
        authorization: `Bearer ${key.secret as string}`,
        ...(opts.key ? { 'idempotency-key': opts.key } : {}),
      },
    });
  const member = async (name: string) =>
    (await ok(await post('/api/members', { name }))).memberId as string;
  const rule = async (body: object) => {
    t.clock.advance(1000); // rules apply in the order they were made
    return ok(
      await post('/api/loyalty/rules', {
        kind: 'spend',
        points: 1,
        perAmountMinor: 10_000,
        ...body,
      }),
    );
  };
  const program = async (change: object) => {
    const p = await ok(await admin.inject({ url: '/api/loyalty/program' }));
    const rest = fieldsOf(LoyaltyProgramUpdate, p);
    return ok(
      await admin.inject({
        method: 'PUT',
        url: '/api/loyalty/program',
        payload: { ...rest, ...change },
      }),
    );
  };
  const points = async (memberId: string) =>
    ok(await admin.inject({ url: `/api/members/${memberId}/points` }));
  const sale = (memberId: string, externalId: string, lines: object[], key?: string) =>
    till({ url: '/api/pos/purchases', payload: { memberId, externalId, lines }, key });
  return { t, seeded, admin, ok, post, till, member, rule, program, points, sale };
}
