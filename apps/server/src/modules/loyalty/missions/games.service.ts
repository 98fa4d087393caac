import { randomUUID } from 'node:crypto';
import { oddsProblem } from '@regulars/core';
import type { Game } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { recordAudit } from '../../../platform/audit';
import { versionedResult } from '../../../platform/versioned';

export type PrizeInput = {
  label: string;
  oddsPpm: number;
  points: number;
  rewardId: string | null;
  quantity: number | null;
};
export type GameInput = {
  name: string;
  costPoints: number;
  playsPerDay: number | null;
  budgetPoints: number | null;
  active: boolean;
  prizes: PrizeInput[];
};

export async function readGame(tx: Tx, gameId: string): Promise<Game | null> {
  const g = await tx
    .selectFrom('games')
    .selectAll()
    .where('game_id', '=', gameId)
    .executeTakeFirst();
  if (!g) return null;
  const prizes = await tx
    .selectFrom('game_prizes')
    .selectAll()
    .where('game_id', '=', gameId)
    .orderBy('position')
    .execute();
  return {
    gameId: g.game_id,
    name: g.name,
    costPoints: g.cost_points,
    playsPerDay: g.plays_per_day,
    budgetPoints: g.budget_points === null ? null : Number(g.budget_points),
    spentPoints: Number(g.spent_points),
    active: g.active,
    version: g.version,
    prizes: prizes.map((p) => ({
      prizeId: p.prize_id,
      label: p.label,
      oddsPpm: p.odds_ppm,
      points: p.points,
      rewardId: p.reward_id,
      quantity: p.quantity,
      won: p.won,
    })),
  };
}

export async function listGames(ctx: AppContext, auth: AuthContext): Promise<Game[]> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const ids = await tx.selectFrom('games').select('game_id').orderBy('created_at').execute();
    const games = [];
    for (const { game_id } of ids) games.push((await readGame(tx, game_id))!);
    return games;
  });
}

async function writePrizes(tx: Tx, tenantId: string, gameId: string, prizes: PrizeInput[]) {
  const rewardIds = [...new Set(prizes.map((p) => p.rewardId).filter((r): r is string => !!r))];
  if (rewardIds.length) {
    const found = await tx
      .selectFrom('rewards')
      .select('reward_id')
      .where('reward_id', 'in', rewardIds)
      .execute();
    if (found.length !== rewardIds.length) throw notFound('reward');
  }
  // Prizes are replaced; what was already won stays with the prize of the same label.
  const old = await tx
    .deleteFrom('game_prizes')
    .where('game_id', '=', gameId)
    .returning(['label', 'won'])
    .execute();
  const won = new Map(old.map((p) => [p.label, p.won]));
  await tx
    .insertInto('game_prizes')
    .values(
      prizes.map((p, i) => ({
        tenant_id: tenantId,
        game_id: gameId,
        prize_id: randomUUID(),
        label: p.label,
        position: i,
        odds_ppm: p.oddsPpm,
        points: p.points,
        reward_id: p.rewardId,
        quantity: p.quantity === null ? null : Math.max(p.quantity, won.get(p.label) ?? 0),
        won: won.get(p.label) ?? 0,
      })),
    )
    .execute();
}

/** Creates or replaces a game; odds must each be positive and add up to at most 100 %. */
export async function saveGame(
  ctx: AppContext,
  auth: AuthContext,
  id: string | null,
  input: GameInput & { version?: number },
): Promise<Game> {
  if (oddsProblem(input.prizes)) throw new AppError('game.odds_invalid', {}, { field: 'prizes' });
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const gameId = id ?? randomUUID();
    const values = {
      name: input.name,
      cost_points: input.costPoints,
      plays_per_day: input.playsPerDay,
      budget_points: input.budgetPoints,
      active: input.active,
    };
    const before = id ? await readGame(tx, id) : null;
    if (!id) {
      await tx
        .insertInto('games')
        .values({ tenant_id: auth.tenantId, game_id: gameId, ...values })
        .execute();
    } else {
      const updated = await tx
        .updateTable('games')
        .set({
          ...values,
          // A budget is never set below what the game has already given.
          budget_points:
            input.budgetPoints === null ? null : sql`greatest(${input.budgetPoints}, spent_points)`,
          version: sql`version + 1`,
          updated_at: ctx.clock.now(),
        })
        .where('game_id', '=', id)
        .where('version', '=', input.version!)
        .returning('game_id')
        .executeTakeFirst();
      await versionedResult(updated, async () => before, 'game');
    }
    await writePrizes(tx, auth.tenantId, gameId, input.prizes);
    const saved = (await readGame(tx, gameId))!;
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: id ? 'game.updated' : 'game.created',
      entityType: 'game',
      entityId: gameId,
      before,
      after: saved,
    });
    return saved;
  });
}
