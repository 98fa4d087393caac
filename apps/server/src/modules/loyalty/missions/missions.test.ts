import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../../test/app';
import { expectError } from '../../../../../../test/expect-error';
import { earnPoints, pointsBalance } from '../points/ledger';
import { buy, deliverEvents, newMember } from '../test-kit/rewards-kit';

let t: TestApp;
let tenantId: string;
let admin: Caller;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-05-04T02:00:00Z'); // 10:00 in Taipei
  tenantId = (await seedTenant(t.ctx, 'quests')).tenantId;
  admin = await signIn(t.app, 'quests', 'admin@quests.test');
});
afterAll(() => t.close());

async function move(ms: number) {
  t.clock.advance(ms);
  admin = await signIn(t.app, 'quests', 'admin@quests.test');
}
const mission = async (payload: object) => {
  const res = await admin.inject({ method: 'POST', url: '/api/missions', payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().missionId as string;
};
const progressOf = async (memberId: string, missionId: string) => {
  const res = await admin.inject({ method: 'GET', url: `/api/members/${memberId}/missions` });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return {
    ...body.missions.find((m: { missionId: string }) => m.missionId === missionId),
    badges: body.badges,
  };
};
const balance = (memberId: string) =>
  t.ctx.db.withTenant(tenantId, async (tx) => (await pointsBalance(tx, memberId)).available);

describe('“do X N times within a window” missions', () => {
  let missionId: string;
  let badgeId: string;

  beforeAll(async () => {
    badgeId = (
      await admin.inject({
        method: 'POST',
        url: '/api/badges',
        payload: { name: '常客', icon: 'crown' },
      })
    ).json().badgeId;
    missionId = await mission({
      name: '一個月來三次',
      kind: 'count',
      eventType: 'purchase.recorded',
      target: 3,
      windowDays: 30,
      rewardPoints: 100,
      badgeId,
    });
  });

  it('count purchases, complete at the target with points and a badge, and only once', async () => {
    const m = await newMember(admin, '林美玲');
    for (let i = 0; i < 2; i++) {
      await buy(admin, m, 1_000);
      await deliverEvents(t, tenantId);
      await move(DAY);
    }
    expect(await progressOf(m, missionId)).toMatchObject({ progress: 2, completed: 0, target: 3 });
    await buy(admin, m, 1_000);
    await deliverEvents(t, tenantId);
    const done = await progressOf(m, missionId);
    expect(done).toMatchObject({ progress: 3, completed: 1 });
    expect(done.badges).toEqual([
      expect.objectContaining({ badgeId, name: '常客', icon: 'crown' }),
    ]);
    const earned = await balance(m);
    expect(earned).toBeGreaterThanOrEqual(100);
    await move(DAY);
    await buy(admin, m, 1_000);
    await deliverEvents(t, tenantId);
    expect((await progressOf(m, missionId)).completed).toBe(1);
  });

  it('count an event once however often it is delivered, and forget what left the window', async () => {
    const m = await newMember(admin, '陳志明');
    await buy(admin, m, 1_000);
    await buy(admin, m, 1_000);
    await deliverEvents(t, tenantId);
    const events = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('domain_events')
        .select('event_id')
        .where('type', '=', 'purchase.recorded')
        .execute(),
    );
    await t.ctx.db.withTenant(tenantId, async (tx) => {
      const { countTowardMissions } = await import('./mission-progress');
      for (const e of events) {
        const row = await tx
          .selectFrom('domain_events')
          .selectAll()
          .where('event_id', '=', e.event_id)
          .executeTakeFirstOrThrow();
        await countTowardMissions(t.ctx, tx, {
          eventId: row.event_id,
          tenantId,
          type: row.type,
          payload: row.payload as Record<string, unknown>,
          occurredAt: row.occurred_at,
        });
      }
    });
    expect((await progressOf(m, missionId)).progress).toBe(2);
    await move(31 * DAY);
    expect((await progressOf(m, missionId)).progress).toBe(0);
    await buy(admin, m, 1_000);
    await deliverEvents(t, tenantId);
    expect((await progressOf(m, missionId)).progress).toBe(1);
  });
});

describe('daily check-in streaks', () => {
  it('count consecutive local days of check-ins; a missed day starts again', async () => {
    const streak = await mission({
      name: '連續打卡 3 天',
      kind: 'streak',
      eventType: 'points.earned',
      eventFilter: 'check_in',
      target: 3,
      rewardPoints: 50,
    });
    const m = await newMember(admin, '王小明');
    const checkIn = async () => {
      // The shape in which the earning rules record a daily check-in's points.
      const day = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      await t.ctx.db.withTenant(tenantId, (tx) =>
        earnPoints(t.ctx, tx, {
          tenantId,
          memberId: m,
          points: 5,
          reason: 'check_in',
          source: 'action',
          sourceRef: `check_in:${day}`,
        }),
      );
      await deliverEvents(t, tenantId);
    };
    await checkIn();
    await move(DAY);
    await checkIn();
    expect((await progressOf(m, streak)).progress).toBe(2);
    await move(2 * DAY); // a day missed
    await checkIn();
    expect((await progressOf(m, streak)).progress).toBe(1);
    await move(DAY);
    await checkIn();
    await move(DAY);
    await checkIn();
    expect(await progressOf(m, streak)).toMatchObject({ completed: 1, progress: 3 });
    expect(await balance(m)).toBe(5 * 5 + 50);
  });
});

describe('custom actions and repeatable missions', () => {
  it('complete again each time the target is reached, with a coupon each round', async () => {
    const rewardId = (
      await admin.inject({
        method: 'POST',
        url: '/api/rewards',
        payload: { kind: 'fixed_amount', name: '評論禮', amountMinor: 3_000, redeemable: false },
      })
    ).json().rewardId;
    const reviews = await mission({
      name: '寫兩則評論',
      kind: 'count',
      eventType: 'action.reported',
      eventFilter: 'review',
      target: 2,
      rewardId,
      repeatable: true,
    });
    const m = await newMember(admin, '張三');
    for (let i = 0; i < 5; i++) {
      await t.ctx.db.withTenant(tenantId, (tx) =>
        t.ctx.events.record(tx, tenantId, 'action.reported', {
          memberId: m,
          action: i === 4 ? 'like' : 'review',
        }),
      );
      await deliverEvents(t, tenantId);
      await move(60_000);
    }
    expect((await progressOf(m, reviews)).completed).toBe(2);
    const coupons = (
      await admin.inject({ method: 'GET', url: `/api/coupons?memberId=${m}` })
    ).json();
    expect(coupons.items.filter((c: { source: string }) => c.source === 'mission')).toHaveLength(2);
  });

  it('a mission must give something, and refers only to rewards and badges that exist', async () => {
    expectError(
      await admin.inject({
        method: 'POST',
        url: '/api/missions',
        payload: { name: 'x', kind: 'count', eventType: 'purchase.recorded', target: 1 },
      }),
      400,
      'request.invalid',
    );
    expectError(
      await admin.inject({
        method: 'POST',
        url: '/api/missions',
        payload: {
          name: 'x',
          kind: 'count',
          eventType: 'purchase.recorded',
          target: 1,
          badgeId: '00000000-0000-4000-8000-000000000000',
        },
      }),
      404,
      'not_found',
    );
  });
});
