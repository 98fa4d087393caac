import { describe, expect, it } from 'vitest';
import {
  apportion,
  evaluateActionRules,
  evaluateSpendRules,
  type EarningRule,
} from './earning-rules';

const rule = (over: Partial<EarningRule>): EarningRule => ({
  ruleId: 'r',
  name: 'Base',
  kind: 'spend',
  action: null,
  points: 1,
  perAmountMinor: 10_000,
  storeIds: [],
  productIds: [],
  categoryIds: [],
  weekdays: [],
  startsOn: null,
  endsOn: null,
  applyTierMultiplier: true,
  ...over,
});
const lines = [
  { lineNo: 1, productId: 'beef', categoryPath: ['food', 'meat'], amountMinor: 45_000 },
  { lineNo: 2, productId: 'tea', categoryPath: ['drinks'], amountMinor: 12_000 },
];
const tuesday = { storeId: 's1', date: '2026-03-03', weekday: 2 };

describe('earning rules', () => {
  it('give points per whole amount spent, split over the lines exactly', () => {
    const [a] = evaluateSpendRules([rule({})], lines, tuesday, 1);
    expect(a!.points).toBe(5);
    expect(a!.lines).toEqual([
      { lineNo: 1, points: 4 },
      { lineNo: 2, points: 1 },
    ]);
  });

  it('cover categories with their sub-categories, products, stores, dates and bonus days', () => {
    const rules = [
      rule({ ruleId: 'meat', categoryIds: ['food'], points: 2 }),
      rule({ ruleId: 'tea', productIds: ['tea'], perAmountMinor: 1_000 }),
      rule({ ruleId: 'tue', weekdays: [2] }),
      rule({ ruleId: 'wed', weekdays: [3] }),
      rule({ ruleId: 'other-store', storeIds: ['s2'] }),
      rule({ ruleId: 'over', endsOn: '2026-03-02' }),
      rule({ ruleId: 'later', startsOn: '2026-03-04' }),
    ];
    const got = evaluateSpendRules(rules, lines, tuesday, 1).map((a) => [a.ruleId, a.points]);
    expect(got).toEqual([
      ['meat', 8],
      ['tea', 12],
      ['tue', 5],
    ]);
  });

  it('apply the tier multiplier where the rule says so, rounding down', () => {
    const [a, b] = evaluateSpendRules(
      [rule({ ruleId: 'x' }), rule({ ruleId: 'y', applyTierMultiplier: false })],
      lines,
      tuesday,
      1.5,
    );
    expect([a!.points, a!.base, a!.multiplier]).toEqual([7, 5, 1.5]);
    expect([b!.points, b!.multiplier]).toEqual([5, 1]);
  });

  it('give actions their points', () => {
    const rules = [
      rule({ ruleId: 'in', kind: 'action', action: 'check_in', points: 5, perAmountMinor: null }),
      rule({ ruleId: 'rev', kind: 'action', action: 'review', points: 20, perAmountMinor: null }),
    ];
    expect(evaluateActionRules(rules, 'review', tuesday, 2).map((a) => a.points)).toEqual([40]);
  });

  it('apportion whole numbers that add up', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
    for (let n = 0; n < 50; n++) {
      const w = [n % 7, (n * 3) % 11, 1 + (n % 5)];
      expect(apportion(n, w).reduce((s, x) => s + x, 0)).toBe(n);
    }
  });
});
