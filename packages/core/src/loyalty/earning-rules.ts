/** An earning rule as the engine evaluates it (the server loads it; this file does no I/O). */
export type EarningRule = {
  ruleId: string;
  name: string;
  kind: 'spend' | 'action';
  action: string | null;
  points: number;
  perAmountMinor: number | null;
  storeIds: string[];
  productIds: string[];
  categoryIds: string[];
  /** ISO weekdays (1 = Monday); empty: every day. */
  weekdays: number[];
  startsOn: string | null;
  endsOn: string | null;
  applyTierMultiplier: boolean;
};

export type BasketLine = {
  lineNo: number;
  productId: string | null;
  /** The product's category and its ancestors: a rule on "Drinks" covers "Drinks › Tea". */
  categoryPath: string[];
  amountMinor: number;
};

/** Where and when: the store, and the local date and weekday of the purchase or action. */
export type Occasion = { storeId: string | null; date: string; weekday: number };

export type RuleAward = {
  ruleId: string;
  name: string;
  /** Before the tier multiplier and caps. */
  base: number;
  multiplier: number;
  points: number;
  /** Points per purchase line (sums to `points`); empty for actions. */
  lines: { lineNo: number; points: number }[];
};

/** Whether a rule is in force on this occasion: its dates, weekdays and stores. */
export function ruleApplies(rule: EarningRule, o: Occasion): boolean {
  if (rule.startsOn && o.date < rule.startsOn) return false;
  if (rule.endsOn && o.date > rule.endsOn) return false;
  if (rule.weekdays.length && !rule.weekdays.includes(o.weekday)) return false;
  if (rule.storeIds.length && (!o.storeId || !rule.storeIds.includes(o.storeId))) return false;
  return true;
}

const lineMatches = (rule: EarningRule, l: BasketLine) =>
  (!rule.productIds.length && !rule.categoryIds.length) ||
  (!!l.productId && rule.productIds.includes(l.productId)) ||
  l.categoryPath.some((c) => rule.categoryIds.includes(c));

/**
 * Splits `total` over `weights` in proportion, in whole numbers that add up exactly (largest
 * remainder; ties to the earlier item).
 */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

const multiplied = (rule: EarningRule, base: number, multiplier: number) =>
  rule.applyTierMultiplier ? Math.floor(base * multiplier) : base;

/**
 * What each spending rule gives a basket: `points` per whole `perAmountMinor` of the lines it
 * covers (its products or categories, or all lines), times the tier multiplier where the rule
 * says so, split over the lines by their amounts. Rules add up: a Tuesday rule at the base rate
 * doubles the points on Tuesdays.
 */
export function evaluateSpendRules(
  rules: EarningRule[],
  lines: BasketLine[],
  o: Occasion,
  multiplier: number,
): RuleAward[] {
  const awards: RuleAward[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'spend' || !rule.perAmountMinor || !ruleApplies(rule, o)) continue;
    const covered = lines.filter((l) => l.amountMinor > 0 && lineMatches(rule, l));
    const amount = covered.reduce((s, l) => s + l.amountMinor, 0);
    const base = Math.floor(amount / rule.perAmountMinor) * rule.points;
    const points = multiplied(rule, base, multiplier);
    if (points <= 0) continue;
    const split = apportion(
      points,
      covered.map((l) => l.amountMinor),
    );
    awards.push({
      ruleId: rule.ruleId,
      name: rule.name,
      base,
      multiplier: rule.applyTierMultiplier ? multiplier : 1,
      points,
      lines: covered.map((l, i) => ({ lineNo: l.lineNo, points: split[i]! })),
    });
  }
  return awards;
}

/** What the action rules for `action` give on this occasion. */
export function evaluateActionRules(
  rules: EarningRule[],
  action: string,
  o: Occasion,
  multiplier: number,
): RuleAward[] {
  return rules
    .filter((r) => r.kind === 'action' && r.action === action && ruleApplies(r, o))
    .map((r) => ({
      ruleId: r.ruleId,
      name: r.name,
      base: r.points,
      multiplier: r.applyTierMultiplier ? multiplier : 1,
      points: multiplied(r, r.points, multiplier),
      lines: [],
    }))
    .filter((a) => a.points > 0);
}
