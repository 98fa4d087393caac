/** Odds are parts per million: a random value in [0, ODDS_SCALE) decides each draw. */
export const ODDS_SCALE = 1_000_000;

export type GamePrize = {
  prizeId: string;
  oddsPpm: number;
  points: number;
  /** How many may be won in all; null: no limit. */
  quantity: number | null;
  won: number;
};
export type GameBudget = { budgetPoints: number | null; spentPoints: number };
export type DrawOutcome = {
  prize: GamePrize | null;
  outcome: 'won' | 'lost' | 'out_of_budget';
};

/** Why a set of prizes cannot be played, or null when the odds are sound. */
export function oddsProblem(prizes: readonly Pick<GamePrize, 'oddsPpm'>[]): string | null {
  if (prizes.some((p) => !Number.isInteger(p.oddsPpm) || p.oddsPpm < 1)) return 'odds.positive';
  const total = prizes.reduce((s, p) => s + p.oddsPpm, 0);
  return total > ODDS_SCALE ? 'odds.over_100' : null;
}

/**
 * The one odds engine, used by every real draw and by the statistical test. Prizes take
 * consecutive ranges of [0, 1 000 000) in their order; a value past the last range loses. A
 * prize whose quantity is used up, or whose points no longer fit the game's budget, is not
 * given: the draw is recorded as 'out_of_budget' (so the budget can never be exceeded).
 */
export function resolveDraw(
  prizes: readonly GamePrize[],
  budget: GameBudget,
  randomValue: number,
): DrawOutcome {
  if (!Number.isInteger(randomValue) || randomValue < 0 || randomValue >= ODDS_SCALE)
    throw new RangeError('random value out of range');
  let edge = 0;
  for (const prize of prizes) {
    edge += prize.oddsPpm;
    if (randomValue < edge) {
      const soldOut = prize.quantity !== null && prize.won >= prize.quantity;
      const overBudget =
        budget.budgetPoints !== null && budget.spentPoints + prize.points > budget.budgetPoints;
      return soldOut || overBudget
        ? { prize, outcome: 'out_of_budget' }
        : { prize, outcome: 'won' };
    }
  }
  return { prize: null, outcome: 'lost' };
}

/** The state after a draw: what the caller writes back (counts and spent points). */
export function applyDraw(
  prizes: GamePrize[],
  budget: GameBudget,
  draw: DrawOutcome,
): { prizes: GamePrize[]; budget: GameBudget } {
  if (draw.outcome !== 'won' || !draw.prize) return { prizes, budget };
  const id = draw.prize.prizeId;
  return {
    prizes: prizes.map((p) => (p.prizeId === id ? { ...p, won: p.won + 1 } : p)),
    budget: { ...budget, spentPoints: budget.spentPoints + draw.prize.points },
  };
}
