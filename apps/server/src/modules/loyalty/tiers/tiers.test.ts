import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../../test/app';
import { expectError } from '../../../../../../test/expect-error';
import { buy, deliverEvents, newMember } from '../test-kit/rewards-kit';
import { runRewardsNightly } from './nightly';

let t: TestApp;
let tenantId: string;
let admin: Caller;
let assistant: Caller;
let silver: string;
let gold: string;
const DAY = 86_400_000;

/** Moves the clock; sessions idle out across such jumps, so staff sign in again. */
async function move(to: string | number) {
  if (typeof to === 'number') t.clock.advance(to);
  else t.clock.set(to);
  admin = await signIn(t.app, 'tiers', 'admin@tiers.test');
  assistant = await signIn(t.app, 'tiers', 'customer_assistant@tiers.test');
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-01T04:00:00Z');
  tenantId = (await seedTenant(t.ctx, 'tiers')).tenantId;
  admin = await signIn(t.app, 'tiers', 'admin@tiers.test');
  assistant = await signIn(t.app, 'tiers', 'customer_assistant@tiers.test');
  const mk = async (name: string, threshold: number, extra: object = {}) => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/tiers',
      payload: { name, threshold, ...extra },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().tierId as string;
  };
  silver = await mk('銀卡', 10_000, { pointsMultiplier: 1.2, discountRate: 0.03 });
  gold = await mk('金卡', 50_000, {
    pointsMultiplier: 1.5,
    discountRate: 0.05,
    perks: '生日蛋糕',
    eventAccess: true,
  });
});
afterAll(() => t.close());

const settings = async (window: string, graceDays: number, basis = 'spend') => {
  const { version } = (await admin.inject({ method: 'GET', url: '/api/tier-settings' })).json();
  const res = await admin.inject({
    method: 'PUT',
    url: '/api/tier-settings',
    payload: { basis, window, graceDays, periodMonths: 12, version },
  });
  expect(res.statusCode, res.body).toBe(200);
};
const status = async (memberId: string) => {
  const res = await assistant.inject({ method: 'GET', url: `/api/members/${memberId}/tier` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const reevaluate = async () => {
  const res = await admin.inject({ method: 'POST', url: '/api/tiers/reevaluate' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('tiers over a rolling 12 months', () => {
  it('upgrade at once when a purchase reaches a threshold, with history and a tier.changed event', async () => {
    await settings('rolling_12m', 30);
    const m = await newMember(admin, '林美玲');
    await buy(admin, m, 6_000);
    await deliverEvents(t, tenantId);
    expect((await status(m)).status).toBe('none');
    await buy(admin, m, 6_000);
    await deliverEvents(t, tenantId);
    const s = await status(m);
    expect(s).toMatchObject({
      status: 'member',
      memberName: '林美玲',
      value: 12_000,
      toNext: 38_000,
    });
    expect(s.tier).toMatchObject({ tierId: silver, pointsMultiplier: 1.2, discountRate: 0.03 });
    expect(s.next).toMatchObject({ tierId: gold });
    const history = (
      await assistant.inject({ method: 'GET', url: `/api/members/${m}/tier-history` })
    ).json();
    expect(history).toEqual([
      expect.objectContaining({ change: 'upgrade', fromTier: null, toTier: '銀卡', value: 12_000 }),
    ]);
    const events = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx.selectFrom('domain_events').select('payload').where('type', '=', 'tier.changed').execute(),
    );
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ memberId: m, change: 'upgrade', toTierName: '銀卡' }),
    );
    const tiers = (await admin.inject({ method: 'GET', url: '/api/tiers' })).json();
    expect(
      tiers.find((x: { tierId: string }) => x.tierId === silver).memberCount,
    ).toBeGreaterThanOrEqual(1);
  });

  it('keeps the tier while the purchases are in the window, then lowers it only after the grace', async () => {
    await move('2026-03-01T04:00:00Z');
    const m = await newMember(admin, '陳志明');
    await buy(admin, m, 55_000, '2026-03-01T03:00:00Z');
    await deliverEvents(t, tenantId);
    expect((await status(m)).tier.tierId).toBe(gold);
    // 2027-03-01 11:59 Taipei: the purchase (2026-03-01 11:00 Taipei) is still in the window.
    await move('2027-02-28T15:59:00Z');
    await reevaluate();
    expect((await status(m)).graceUntil).toBeNull();
    // The next local day it has left the window: the grace starts, the tier stays.
    await move('2027-02-28T16:00:00Z');
    await reevaluate();
    const during = await status(m);
    expect(during).toMatchObject({ status: 'member', value: 0, toKeep: 50_000 });
    expect(during.graceUntil).toBe(
      new Date(Date.parse('2027-02-28T16:00:00Z') + 30 * DAY).toISOString(),
    );
    // A purchase during the grace does not lower anything either; re-evaluation after it keeps
    // what the window still reaches (silver) once the grace is over.
    await buy(admin, m, 20_000);
    await deliverEvents(t, tenantId);
    await move(29 * DAY);
    await reevaluate();
    expect((await status(m)).tier.tierId).toBe(gold);
    await move(DAY);
    const counts = await reevaluate();
    expect(counts.downgraded).toBeGreaterThanOrEqual(1);
    expect((await status(m)).tier.tierId).toBe(silver);
    // Running it again on the same day changes nothing, nor does the nightly run of every business.
    const again = await reevaluate();
    expect(again.downgraded + again.lapsed).toBe(0);
    expect(await runRewardsNightly(t.ctx)).toBe(1);
    expect((await status(m)).tier.tierId).toBe(silver);
  });

  it('a member who falls below every tier becomes a former member, still greeted by name', async () => {
    await move('2026-04-01T04:00:00Z');
    const m = await newMember(admin, 'Ada Lovelace');
    await buy(admin, m, 10_000);
    await deliverEvents(t, tenantId);
    await move('2027-04-10T04:00:00Z');
    await reevaluate();
    await move(31 * DAY);
    await reevaluate();
    const s = await status(m);
    expect(s).toMatchObject({ status: 'former', memberName: 'Ada Lovelace', tier: null });
    expect(s.formerTier).toMatchObject({ tierId: silver, name: '銀卡' });
    const history = (
      await assistant.inject({ method: 'GET', url: `/api/members/${m}/tier-history` })
    ).json();
    expect(history[0]).toMatchObject({ change: 'lapse', fromTier: '銀卡', toTier: null });
    // Coming back: a new purchase makes them a member again at once.
    await buy(admin, m, 10_000);
    await deliverEvents(t, tenantId);
    expect((await status(m)).status).toBe('member');
  });

  it('counts spending net of returns: a member who takes back what reached the tier loses it after the grace', async () => {
    await move('2026-05-01T04:00:00Z');
    const m = await newMember(admin, '黃建國');
    const sale = await admin.inject({
      method: 'POST',
      url: '/api/pos/purchases',
      payload: {
        memberId: m,
        externalId: 'net-1',
        lines: [
          { name: 'Hot pot set', unitPriceMinor: 8_000 },
          { name: 'Wine', unitPriceMinor: 4_000 },
        ],
      },
    });
    expect(sale.statusCode, sale.body).toBe(200);
    expect(sale.json().tierChange).toMatchObject({ change: 'upgrade', to: { tierId: silver } });
    const taken = await admin.inject({
      method: 'POST',
      url: '/api/pos/returns',
      payload: {
        purchaseExternalId: 'net-1',
        externalId: 'net-1-r',
        lines: [{ lineNo: 2, quantity: 1 }],
      },
    });
    expect(taken.statusCode, taken.body).toBe(200);
    // 12,000 bought, 4,000 returned: 8,000 counts, below silver's 10,000.
    await reevaluate();
    const during = await status(m);
    expect(during).toMatchObject({ value: 8_000, toKeep: 2_000 });
    expect(during.graceUntil).not.toBeNull();
    await move(31 * DAY);
    await reevaluate();
    expect((await status(m)).status).toBe('former');
  });
});

describe('tiers by calendar year', () => {
  it('count the local year, keep a tier through the next year, and give exact progress', async () => {
    await settings('calendar_year', 0);
    await move('2026-06-01T04:00:00Z');
    const m = await newMember(admin, '王小明');
    await buy(admin, m, 48_800);
    await deliverEvents(t, tenantId);
    const s = await status(m);
    expect(s).toMatchObject({ value: 48_800, toNext: 1_200, by: '2026-12-31' });
    expect(s.next.tierId).toBe(gold);
    // 2026-12-31 23:30 Taipei still counts toward 2026.
    await move('2026-12-31T15:30:00Z');
    await buy(admin, m, 1_200);
    await deliverEvents(t, tenantId);
    expect((await status(m)).tier.tierId).toBe(gold);
    // All of 2027 on last year's figures, even with nothing bought.
    await move('2027-12-31T15:00:00Z');
    await reevaluate();
    expect((await status(m)).tier.tierId).toBe(gold);
    // 2028-01-01 00:00 Taipei: 2027 counts now, and it had nothing; no grace configured.
    await move('2027-12-31T16:00:00Z');
    await reevaluate();
    expect((await status(m)).status).toBe('former');
  });
});

describe('tiers since the last change', () => {
  it('give the deadline of the period and count points when the basis is points', async () => {
    await settings('since_change', 0, 'points');
    await move('2026-03-31T04:00:00Z');
    const m = await newMember(admin, '張三');
    const { earnPoints } = await import('../points/ledger');
    await t.ctx.db.withTenant(tenantId, (tx) =>
      earnPoints(t.ctx, tx, {
        tenantId,
        memberId: m,
        points: 10_000,
        reason: 'test',
        source: 'test',
        sourceRef: 'a',
      }),
    );
    await deliverEvents(t, tenantId);
    const s = await status(m);
    expect(s).toMatchObject({ status: 'member', basis: 'points', value: 0, by: '2027-03-31' });
    expect(s.tier.tierId).toBe(silver);
  });
});

describe('tier configuration', () => {
  it('refuses a second tier with the same threshold, and bad input, in the caller’s language', async () => {
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/tiers',
      headers: { 'accept-language': 'zh-TW' },
      payload: { name: '鑽石', threshold: 50_000 },
    });
    expect(expectError(dup, 409, 'conflict.duplicate').message).toContain('門檻');
    expectError(
      await admin.inject({
        method: 'POST',
        url: '/api/tiers',
        payload: { name: '', threshold: -1 },
      }),
      400,
      'request.invalid',
    );
    expectError(
      await assistant.inject({
        method: 'POST',
        url: '/api/tiers',
        payload: { name: 'x', threshold: 1 },
      }),
      403,
      'permission.denied',
    );
  });

  it('will not remove a tier members hold', async () => {
    expectError(
      await admin.inject({ method: 'DELETE', url: `/api/tiers/${silver}` }),
      409,
      'tier.in_use',
    );
    const spare = await admin.inject({
      method: 'POST',
      url: '/api/tiers',
      payload: { name: 'Spare', threshold: 999_999 },
    });
    const removed = await admin.inject({
      method: 'DELETE',
      url: `/api/tiers/${spare.json().tierId}`,
    });
    expect(removed.statusCode).toBe(200);
  });
});
