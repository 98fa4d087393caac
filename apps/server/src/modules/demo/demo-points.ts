import { sql } from '@regulars/db';
import { AppError } from '../../http/errors';
import { evaluateMemberTier, earnForAction, pointsBalance, runPointsMaintenance } from '../loyalty';
import { redeemCoupon } from '../loyalty/rewards/coupon-redeem';
import { redeemReward } from '../loyalty/rewards/rewards.service';
import { earnForPurchase } from '../loyalty/rules/earning';
import { countTowardMissions } from '../loyalty/missions/mission-progress';
import { DEMO_REWARDS, missionStart, programmeLaunch } from './demo-loyalty';
import { DAY, taipeiMidnight } from './demo-visits';
import { at, inParallel, type DemoRun } from './demo-writers';

/** Progress units of this file: points and tier per member, sweeps, missions, redemptions. */
export const pointsUnits = (members: number) => 2 * members + 3;

const rows = async <T>(run: DemoRun, q: ReturnType<typeof sql<T>>) =>
  run.ctx.db.withTenant(run.tenantId, async (tx) => (await q.execute(tx)).rows);

/**
 * A year of points: each member's sign-up bonus (at the launch for those who joined before it)
 * and each purchase since the launch, earned by the loyalty engine (its rules, limits and expiry)
 * with the clock at the moment it happened, a member at a time in order. The engine earns a purchase once, so purchases already earned — by an earlier run, or by
 * the engine's own `purchase.recorded` subscriber — are left as they are.
 */
export async function earnHistory(run: DemoRun, ids: string[]): Promise<void> {
  const todo = await rows(
    run,
    sql<{ member_id: string; purchase_id: string; occurred_at: Date }>`
      SELECT p.member_id, p.purchase_id, p.occurred_at FROM purchases p
      WHERE p.external_id LIKE 'demo-m-%' AND p.occurred_at >= ${programmeLaunch(run)}
        AND NOT EXISTS (
        SELECT 1 FROM points_entries e WHERE e.member_id = p.member_id AND e.kind = 'earn'
          AND e.source = 'purchase' AND e.source_ref = p.purchase_id::text)
      ORDER BY p.member_id, p.occurred_at`,
  );
  const signedUp = new Set(
    (
      await rows(
        run,
        sql<{ member_id: string }>`SELECT member_id FROM points_entries
          WHERE kind = 'earn' AND source = 'action' AND source_ref = 'sign_up:once'`,
      )
    ).map((r) => r.member_id),
  );
  const launch = programmeLaunch(run);
  const byMember = new Map<string, typeof todo>();
  for (const p of todo) byMember.set(p.member_id, [...(byMember.get(p.member_id) ?? []), p]);
  let k = 0;
  await inParallel(
    ids.map((id, i) => ({ id, i })),
    3,
    async ({ id, i }) => {
      const purchases = byMember.get(id) ?? [];
      const joined = run.plan.members[i]!.joinedAt;
      if (purchases.length || !signedUp.has(id))
        await run.ctx.db.withTenant(run.tenantId, async (tx) => {
          if (!signedUp.has(id))
            await earnForAction(at(run.ctx, new Date(Math.max(+joined, +launch))), tx, {
              tenantId: run.tenantId,
              memberId: id,
              action: 'sign_up',
            });
          for (const p of purchases)
            await earnForPurchase(
              at(run.ctx, new Date(p.occurred_at)),
              tx,
              run.tenantId,
              p.purchase_id,
            );
        });
      run.tick();
      if (++k % 100 === 0) run.step('points');
    },
  );
  run.step('points');
}

/**
 * The hourly sweep as it would have run: at each new year (the points of the year before lapse)
 * and at the end of the history (pending points of past purchases confirmed).
 */
export async function sweepHistory(run: DemoRun): Promise<void> {
  const moments: Date[] = [];
  for (let y = run.start.getUTCFullYear() + 1; y <= run.anchor.getUTCFullYear(); y++) {
    const newYear = taipeiMidnight(new Date(Date.UTC(y, 0, 1, 12)));
    if (newYear > run.start && newYear < run.anchor) moments.push(newYear);
  }
  moments.push(run.anchor);
  for (const m of moments) await runPointsMaintenance(at(run.ctx, m), run.tenantId);
  run.tick();
}

/**
 * The visits mission over its 90 days: each purchase since it started counted by the engine as its
 * `purchase.recorded` event would be (once per event, so the engine's own subscriber adds
 * nothing), a member's purchases in order, completing the mission and paying its points.
 */
export async function countMissionHistory(run: DemoRun): Promise<void> {
  const events = await rows(
    run,
    sql<{ event_id: string; type: string; payload: Record<string, unknown> }>`
      SELECT event_id, type, payload FROM domain_events
      WHERE type = 'purchase.recorded' AND (payload->>'occurredAt')::timestamptz >= ${missionStart(run)}
      ORDER BY payload->>'memberId', (payload->>'occurredAt')::timestamptz`,
  );
  for (let i = 0; i < events.length; i += 500) {
    await run.ctx.db.withTenant(run.tenantId, async (tx) => {
      for (const e of events.slice(i, i + 500)) {
        const occurredAt = new Date(String(e.payload.occurredAt));
        await countTowardMissions(at(run.ctx, occurredAt), tx, {
          eventId: e.event_id,
          tenantId: run.tenantId,
          type: e.type,
          payload: e.payload,
          occurredAt,
        });
      }
    });
    run.step('missions');
  }
  run.tick();
}

/** Every member's tier from what they spent over the 12 months up to the end of the history. */
export async function evaluateTiers(run: DemoRun, ids: string[]): Promise<void> {
  const ctx = at(run.ctx, run.anchor);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await inParallel(chunks, 3, async (chunk) => {
    await ctx.db.withTenant(run.tenantId, async (tx) => {
      for (const id of chunk)
        await evaluateMemberTier(ctx, tx, run.tenantId, id, { reevaluate: false });
    });
    run.tick(chunk.length);
    run.step('tiers');
  });
}

/**
 * Some members exchange points for rewards in the last days of the history (one each), half of
 * those coupons are used at the till, and a few members check in daily. Each is skipped when done.
 */
export async function writeRedemptions(run: DemoRun, ids: string[]): Promise<void> {
  // Daily check-ins over the last week by a few regulars (once per member and day), before the
  // redemptions, which look at balances.
  const regulars = ids.filter((_, i) => run.plan.members[i]!.segment !== 'once').slice(0, 12);
  await run.ctx.db.withTenant(run.tenantId, async (tx) => {
    for (const [j, id] of regulars.entries())
      for (let d = 1; d <= 7; d++)
        if ((j + d) % 3 !== 0)
          await earnForAction(
            at(run.ctx, new Date(taipeiMidnight(run.anchor).getTime() - d * DAY + 9 * 3600_000)),
            tx,
            { tenantId: run.tenantId, memberId: id, action: 'check_in' },
          );
  });
  const rewards = await rows(
    run,
    sql<{ reward_id: string; name: string; cost_points: number }>`
      SELECT reward_id, name, cost_points FROM rewards`,
  );
  const byName = new Map(rewards.map((r) => [r.name, r]));
  const catalog = DEMO_REWARDS.map((r) => byName.get(r.name)).filter((r) => !!r);
  const coupons = new Map(
    (
      await rows(
        run,
        sql<{ member_id: string; code: string; status: string }>`
          SELECT member_id, code, status FROM coupons WHERE source = 'redemption'`,
      )
    ).map((c) => [c.member_id, c]),
  );
  const cap = Math.max(8, Math.round(ids.length / 25));
  let count = 0;
  for (const [i, id] of ids.entries()) {
    if (count >= cap) break;
    const m = run.plan.members[i]!;
    const when = new Date(run.anchor.getTime() - (1 + (i % 20)) * DAY);
    const auth = { ...run.staff[0]!, storeId: run.storeIds.get(m.store) ?? null };
    let coupon = coupons.get(id);
    if (!coupon && i % 3 === 0) {
      const balance = await run.ctx.db.withTenant(run.tenantId, (tx) => pointsBalance(tx, id));
      const affordable = catalog.filter((r) => r.cost_points <= balance.available);
      const reward = affordable[i % Math.max(1, affordable.length)];
      if (!reward) continue;
      try {
        const out = await redeemReward(at(run.ctx, when), auth, reward.reward_id, id);
        coupon = { member_id: id, code: out.coupon.code, status: 'issued' };
      } catch (err) {
        // A gift out of stock or a member at its limit: as at a real counter, they pick nothing.
        if (!(err instanceof AppError)) throw err;
        continue;
      }
    }
    if (!coupon) continue;
    count++;
    if (coupon.status === 'issued' && count % 2 === 0)
      await redeemCoupon(at(run.ctx, new Date(when.getTime() + 3600_000)), auth, {
        code: coupon.code,
        basketMinor: 2_000_00,
        purchaseRef: `demo-redeem-${m.externalId}`,
      });
  }
  run.tick();
  run.step('rewards');
}
