import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ODDS_SCALE, applyDraw, oddsProblem, resolveDraw, type GamePrize } from './instant-win';

/** The chi-square critical value at significance 1e-6 (Wilson–Hilferty), so a sound engine fails once in a million runs. */
function chiSquareCritical(df: number): number {
  const z = 4.753;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

const prize = (
  prizeId: string,
  oddsPpm: number,
  points: number,
  quantity: number | null = null,
): GamePrize => ({
  prizeId,
  oddsPpm,
  points,
  quantity,
  won: 0,
});

/** 100 000 draws through the engine every real draw uses, with crypto randomness. */
function play(prizes: GamePrize[], budgetPoints: number | null, draws = 100_000) {
  let state = { prizes, budget: { budgetPoints, spentPoints: 0 } };
  const counts = new Map<string, number>();
  for (let i = 0; i < draws; i++) {
    const d = resolveDraw(state.prizes, state.budget, randomInt(ODDS_SCALE));
    const key = d.outcome === 'won' ? d.prize!.prizeId : d.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    state = applyDraw(state.prizes, state.budget, d);
    if (budgetPoints !== null) expect(state.budget.spentPoints).toBeLessThanOrEqual(budgetPoints);
  }
  return { counts, state };
}

describe('the instant-win odds engine', () => {
  it('matches the configured odds over 100 000 draws (chi-square)', () => {
    const prizes = [prize('big', 1_000, 500), prize('mid', 49_000, 50), prize('small', 250_000, 5)];
    const { counts } = play(prizes, null);
    const expected: [string, number][] = [
      ['big', 0.001],
      ['mid', 0.049],
      ['small', 0.25],
      ['lost', 0.7],
    ];
    const chi = expected.reduce((s, [k, p]) => {
      const e = p * 100_000;
      return s + ((counts.get(k) ?? 0) - e) ** 2 / e;
    }, 0);
    expect(chi).toBeLessThan(chiSquareCritical(expected.length - 1));
  });

  it('never gives more than the budget or a prize’s quantity, over 100 000 draws', () => {
    const prizes = [prize('phone', 100, 0, 3), prize('points', 300_000, 10)];
    const { counts, state } = play(prizes, 20_000);
    expect(state.budget.spentPoints).toBeLessThanOrEqual(20_000);
    expect(state.budget.spentPoints).toBe(20_000); // 30 000 expected wins of 10: the budget binds
    expect(counts.get('phone') ?? 0).toBeLessThanOrEqual(3);
    expect(counts.get('points')).toBe(2_000);
    expect(counts.get('out_of_budget')).toBeGreaterThan(0);
  });

  it('maps the random value onto consecutive ranges and checks the odds add up', () => {
    const prizes = [prize('a', 10, 1), prize('b', 20, 1)];
    const budget = { budgetPoints: null, spentPoints: 0 };
    expect(resolveDraw(prizes, budget, 0).prize?.prizeId).toBe('a');
    expect(resolveDraw(prizes, budget, 9).prize?.prizeId).toBe('a');
    expect(resolveDraw(prizes, budget, 10).prize?.prizeId).toBe('b');
    expect(resolveDraw(prizes, budget, 30).outcome).toBe('lost');
    expect(() => resolveDraw(prizes, budget, ODDS_SCALE)).toThrow(RangeError);
    expect(oddsProblem([{ oddsPpm: 600_000 }, { oddsPpm: 500_000 }])).toBe('odds.over_100');
    expect(oddsProblem([{ oddsPpm: 0 }])).toBe('odds.positive');
    expect(oddsProblem([{ oddsPpm: 1_000_000 }])).toBeNull();
  });
});
