import { resolveDraw, type GamePrize } from '@regulars/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../../test/app';
import { expectError } from '../../../../../../test/expect-error';
import type { AuthContext } from '../../../http/context';
import { systemActor } from '../../../platform/audit';
import { earnPoints, pointsBalance } from '../points/ledger';
import { newMember } from '../test-kit/rewards-kit';
import { playGame } from './game-draw';

let t: TestApp;
let tenantId: string;
let admin: Caller;
let cashier: Caller;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-08-01T02:00:00Z');
  tenantId = (await seedTenant(t.ctx, 'lucky')).tenantId;
  admin = await signIn(t.app, 'lucky', 'admin@lucky.test');
  cashier = await signIn(t.app, 'lucky', 'customer_assistant@lucky.test');
});
afterAll(() => t.close());

const game = async (payload: object) => {
  const res = await admin.inject({ method: 'POST', url: '/api/games', payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const draw = (gameId: string, memberId: string) =>
  cashier.inject({ method: 'POST', url: `/api/games/${gameId}/draw`, payload: { memberId } });
const balance = (memberId: string) =>
  t.ctx.db.withTenant(tenantId, async (tx) => (await pointsBalance(tx, memberId)).available);

describe('instant-win games', () => {
  it('refuse odds that add up to more than 100 %', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/games',
      headers: { 'accept-language': 'zh-TW' },
      payload: {
        name: '刮刮樂',
        prizes: [
          { label: 'A', oddsPpm: 600_000 },
          { label: 'B', oddsPpm: 500_000 },
        ],
      },
    });
    expect(expectError(res, 400, 'game.odds_invalid').message).toContain('100%');
  });

  it('record every draw’s random value and outcome, give prizes at once, and never exceed the budget', async () => {
    const rewardId = (
      await admin.inject({
        method: 'POST',
        url: '/api/rewards',
        payload: { kind: 'gift', name: '頭獎', itemName: '電鍋', redeemable: false },
      })
    ).json().rewardId;
    const g = await game({
      name: '天天抽',
      budgetPoints: 100,
      prizes: [
        { label: '電鍋', oddsPpm: 100_000, rewardId, quantity: 1 },
        { label: '20 點', oddsPpm: 400_000, points: 20 },
      ],
    });
    const members = await Promise.all(
      Array.from({ length: 4 }, (_, i) => newMember(admin, `玩家 ${i}`)),
    );
    const draws = [];
    for (let i = 0; i < 40; i++) {
      const res = await draw(g.gameId, members[i % 4]!);
      expect(res.statusCode, res.body).toBe(200);
      draws.push(res.json());
      t.clock.advance(1_000);
    }
    cashier = await signIn(t.app, 'lucky', 'customer_assistant@lucky.test');
    const after = (await admin.inject({ method: 'GET', url: '/api/games' })).json()[0];
    expect(after.spentPoints).toBeLessThanOrEqual(100);
    const given = draws.reduce((s, d) => s + d.pointsAwarded, 0);
    expect(given).toBe(after.spentPoints);
    expect(draws.filter((d) => d.prizeLabel === '電鍋').length).toBeLessThanOrEqual(1);
    const totals = await Promise.all(members.map(balance));
    expect(totals.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(given);
    // Replaying the recorded random values through the odds engine gives the recorded outcomes.
    const recorded = (
      await admin.inject({ method: 'GET', url: `/api/games/${g.gameId}/draws?limit=500` })
    ).json();
    expect(recorded).toHaveLength(40);
    const prizes: GamePrize[] = after.prizes.map((p: GamePrize) => ({ ...p, won: 0 }));
    let spent = 0;
    for (const d of [...recorded].reverse()) {
      const replay = resolveDraw(prizes, { budgetPoints: 100, spentPoints: spent }, d.randomValue);
      expect(replay.outcome, `draw ${d.drawId}`).toBe(d.outcome);
      if (replay.outcome === 'won') {
        replay.prize!.won++;
        spent += replay.prize!.points;
      }
    }
  });

  it('take the real draw path with a given random value: a win, a loss, a prize out of budget', async () => {
    const g = await game({
      name: '固定值',
      budgetPoints: 30,
      prizes: [{ label: '30 點', oddsPpm: 500_000, points: 30 }],
    });
    const m = await newMember(admin, '測試者');
    const auth: AuthContext = {
      kind: 'staff',
      tenantId,
      actor: systemActor('test'),
      permissions: new Set(),
      storeId: null,
      allowedStoreIds: null,
      sessionId: null,
      csrfToken: null,
      language: null,
    };
    expect(await playGame(t.ctx, auth, g.gameId, m, () => 999_999)).toMatchObject({
      outcome: 'lost',
      randomValue: 999_999,
    });
    expect(await playGame(t.ctx, auth, g.gameId, m, () => 0)).toMatchObject({
      outcome: 'won',
      pointsAwarded: 30,
    });
    expect(await playGame(t.ctx, auth, g.gameId, m, () => 1)).toMatchObject({
      outcome: 'out_of_budget',
      pointsAwarded: 0,
    });
    expect(await balance(m)).toBe(30);
  });

  it('cost points to play, and hold the plays a day', async () => {
    const g = await game({
      name: '每日一抽',
      costPoints: 10,
      playsPerDay: 1,
      prizes: [{ label: '1 點', oddsPpm: 1, points: 1 }],
    });
    const m = await newMember(admin, '小資族');
    expectError(await draw(g.gameId, m), 409, 'points.insufficient');
    await t.ctx.db.withTenant(tenantId, (tx) =>
      earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 25,
        reason: 'test',
        source: 'test',
        sourceRef: 'g1',
      }),
    );
    expect((await draw(g.gameId, m)).statusCode).toBe(200);
    expectError(await draw(g.gameId, m), 409, 'game.daily_limit');
    t.clock.set('2026-08-02T16:30:00Z'); // the next day in Taipei
    cashier = await signIn(t.app, 'lucky', 'customer_assistant@lucky.test');
    expect((await draw(g.gameId, m)).statusCode).toBe(200);
    expect(await balance(m)).toBeLessThanOrEqual(5 + 2);
  });
});
