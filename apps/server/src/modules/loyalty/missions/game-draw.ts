import { randomInt, randomUUID } from 'node:crypto';
import { ODDS_SCALE, calendarParts, resolveDraw, type DrawOutcome } from '@regulars/core';
import type { GameDraw } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { assertMember } from '../../members/member-rules';
import { earnPoints, spendPoints } from '../points/ledger';
import { issueCouponIfAvailable } from '../rewards/coupon-issue';
import { formatCouponCode } from '@regulars/core';

/** A source of uniform integers in [0, ODDS_SCALE): crypto by default, fixed in a test of the path. */
export type RandomSource = () => number;
const cryptoRandom: RandomSource = () => randomInt(ODDS_SCALE);

async function playsToday(tx: Tx, gameId: string, memberId: string, now: Date, timeZone: string) {
  const p = calendarParts(now, timeZone);
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM game_draws
    WHERE game_id = ${gameId} AND member_id = ${memberId}
      AND (at AT TIME ZONE ${timeZone})::date = ${day}::date`.execute(tx);
  return r.rows[0]!.n;
}

/**
 * One play of an instant-win game. The game's row is locked, so draws of a game follow one
 * another and its budget and prize quantities are exact; the odds engine (resolveDraw, the same
 * code the statistical test runs) decides from one uniform random value, which is recorded with
 * the outcome. Prizes are given at once: points through the ledger, a coupon of the prize's
 * reward (a prize whose coupon is out of stock counts as out of budget).
 */
export async function playGame(
  ctx: AppContext,
  auth: AuthContext,
  gameId: string,
  memberId: string,
  random: RandomSource = cryptoRandom,
): Promise<GameDraw> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    const game = await tx
      .selectFrom('games')
      .selectAll()
      .where('game_id', '=', gameId)
      .forUpdate()
      .executeTakeFirst();
    if (!game) throw notFound('game');
    if (!game.active) throw new AppError('game.inactive', { name: game.name });
    const now = ctx.clock.now();
    const { time_zone } = await tx
      .selectFrom('tenants')
      .select('time_zone')
      .executeTakeFirstOrThrow();
    if (
      game.plays_per_day &&
      (await playsToday(tx, gameId, memberId, now, time_zone)) >= game.plays_per_day
    )
      throw new AppError('game.daily_limit', { limit: game.plays_per_day });
    const drawId = randomUUID();
    const actor = { actorId: auth.actor.id, actorType: auth.actor.type };
    if (game.cost_points > 0)
      await spendPoints(ctx, tx, {
        tenantId: auth.tenantId,
        memberId,
        points: game.cost_points,
        reason: `game: ${game.name}`,
        source: 'game',
        sourceRef: drawId,
        ...actor,
      });
    const prizes = await tx
      .selectFrom('game_prizes')
      .selectAll()
      .where('game_id', '=', gameId)
      .orderBy('position')
      .execute();
    const randomValue = random();
    let draw: DrawOutcome = resolveDraw(
      prizes.map((p) => ({
        prizeId: p.prize_id,
        oddsPpm: p.odds_ppm,
        points: p.points,
        quantity: p.quantity,
        won: p.won,
      })),
      {
        budgetPoints: game.budget_points === null ? null : Number(game.budget_points),
        spentPoints: Number(game.spent_points),
      },
      randomValue,
    );
    const prize = prizes.find((p) => p.prize_id === draw.prize?.prizeId) ?? null;
    let coupon: { couponId: string; code: string } | null = null;
    if (draw.outcome === 'won' && prize?.reward_id) {
      coupon = await issueCouponIfAvailable(ctx, tx, {
        tenantId: auth.tenantId,
        rewardId: prize.reward_id,
        memberId,
        source: 'game',
        sourceRef: `game:${drawId}`,
      });
      if (!coupon) draw = { prize: draw.prize, outcome: 'out_of_budget' };
    }
    const points = draw.outcome === 'won' && prize ? prize.points : 0;
    if (draw.outcome === 'won' && prize) {
      await sql`UPDATE game_prizes SET won = won + 1 WHERE game_id = ${gameId} AND prize_id = ${prize.prize_id}`.execute(
        tx,
      );
      await sql`UPDATE games SET spent_points = spent_points + ${points} WHERE game_id = ${gameId}`.execute(
        tx,
      );
      if (points > 0)
        await earnPoints(ctx, tx, {
          tenantId: auth.tenantId,
          memberId,
          points,
          reason: `game prize: ${prize.label}`,
          source: 'game',
          sourceRef: drawId,
          details: { gameId, drawId, prize: prize.label },
          ...actor,
        });
    }
    await tx
      .insertInto('game_draws')
      .values({
        tenant_id: auth.tenantId,
        draw_id: drawId,
        game_id: gameId,
        member_id: memberId,
        random_value: randomValue,
        prize_id: prize?.prize_id ?? null,
        outcome: draw.outcome,
        points_awarded: points,
        coupon_id: coupon?.couponId ?? null,
        at: now,
      })
      .execute();
    await ctx.events.record(tx, auth.tenantId, 'game.played', {
      memberId,
      gameId,
      drawId,
      outcome: draw.outcome,
      pointsAwarded: points,
      couponId: coupon?.couponId ?? null,
    });
    return {
      drawId,
      gameId,
      memberId,
      randomValue,
      outcome: draw.outcome,
      prizeLabel: draw.outcome === 'won' ? (prize?.label ?? null) : null,
      pointsAwarded: points,
      couponCode: coupon ? formatCouponCode(coupon.code) : null,
      at: now.toISOString(),
    };
  });
}

/** The latest draws of a game, each with its random value and outcome (the audit of the odds). */
export async function listDraws(ctx: AppContext, auth: AuthContext, gameId: string, limit: number) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const g = await tx
      .selectFrom('games')
      .select('game_id')
      .where('game_id', '=', gameId)
      .executeTakeFirst();
    if (!g) throw notFound('game');
    const rows = await tx
      .selectFrom('game_draws as d')
      .leftJoin('game_prizes as p', (j) =>
        j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.prize_id', '=', 'd.prize_id'),
      )
      .leftJoin('coupons as c', (j) =>
        j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.coupon_id', '=', 'd.coupon_id'),
      )
      .select([
        'd.draw_id',
        'd.game_id',
        'd.member_id',
        'd.random_value',
        'd.outcome',
        'p.label',
        'd.points_awarded',
        'c.code',
        'd.at',
      ])
      .where('d.game_id', '=', gameId)
      .orderBy('d.at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r): GameDraw => ({
      drawId: r.draw_id,
      gameId: r.game_id,
      memberId: r.member_id,
      randomValue: r.random_value,
      outcome: r.outcome,
      prizeLabel: r.outcome === 'won' ? r.label : null,
      pointsAwarded: r.points_awarded,
      couponCode: r.code ? formatCouponCode(r.code) : null,
      at: r.at.toISOString(),
    }));
  });
}
