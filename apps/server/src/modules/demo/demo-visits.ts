import { DEMO_PRODUCTS, productBySku, TWD } from './demo-catalog';
import { between, chance, pick, weighted, type Rand } from './demo-people';

export const DAY = 86_400_000;
const TAIPEI_OFFSET = 8 * 3600_000; // Asia/Taipei has had no daylight saving time since 1979

/** How a member spends: a few bring most of the revenue, many come once (seed 001's Pareto). */
export type Segment = 'vip' | 'regular' | 'occasional' | 'once';

export type DemoLine = { sku: string; quantity: number; unitPriceMinor: number };
export type DemoVisit = { externalId: string; store: string; at: Date; lines: DemoLine[] };

/** Midnight in Taipei of the day `at` falls on, as an instant. */
export const taipeiMidnight = (at: Date) =>
  new Date(Math.floor((at.getTime() + TAIPEI_OFFSET) / DAY) * DAY - TAIPEI_OFFSET);

/** A meal time on a Taipei day: mostly dinner, some lunch, a few late-night suppers. */
function mealTime(r: Rand, midnight: Date): Date {
  const slot = weighted(r, [
    ['dinner', 62],
    ['lunch', 28],
    ['late', 10],
  ] as const);
  const [from, to] =
    slot === 'dinner'
      ? [17 * 60 + 30, 21 * 60]
      : slot === 'lunch'
        ? [11 * 60 + 30, 14 * 60]
        : [21 * 60, 23 * 60 + 30];
  return new Date(midnight.getTime() + between(r, from, to) * 60_000 + between(r, 0, 59) * 1000);
}

/** Fridays and Saturdays are busiest, weekdays quietest. */
function busyDay(r: Rand, midnight: Date): boolean {
  const dow = new Date(midnight.getTime() + TAIPEI_OFFSET).getUTCDay();
  const weight = dow === 5 || dow === 6 ? 1 : dow === 0 ? 0.8 : 0.55;
  return r() < weight;
}

const SKUS = (cat: string[], not: string[] = []) =>
  DEMO_PRODUCTS.filter((p) => cat.includes(p.category) && !not.some((t) => p.tags.includes(t))).map(
    (p) => p.sku,
  );
const MEATS = SKUS(['beef', 'pork', 'lamb']);
const MILD_MEATS = SKUS(['beef', 'pork', 'lamb'], ['辣']);
const SEAFOOD = SKUS(['seafood']).filter((s) => s !== 'SF-PLATTER');
const VEG = SKUS(['veg', 'hotpot-items']);
const MILD_VEG = SKUS(['veg', 'hotpot-items'], ['辣']);
const GREEN = SKUS(['veg', 'hotpot-items'], ['辣']).filter((s) => s !== 'VG-DUMPLING');
const SOFT = SKUS(['soft']);
const DESSERT = SKUS(['dessert']);

/** What a table orders, from the party's size and the member's tastes (tags). */
export function orderLines(r: Rand, segment: Segment, tags: string[], party: number): DemoLine[] {
  const qty = new Map<string, number>();
  const add = (sku: string, n = 1) => qty.set(sku, (qty.get(sku) ?? 0) + n);
  const veggie = tags.includes('素食');
  const mild = veggie || tags.includes('不吃辣');
  const broth = veggie
    ? 'BR-KOMBU'
    : mild
      ? pick(r, ['BR-KOMBU', 'BR-TOMATO', 'BR-SUANCAI', 'BR-HERBAL'])
      : tags.includes('愛吃辣')
        ? pick(r, ['BR-MALA', 'BR-MALA', 'BR-YUANYANG'])
        : weighted(r, [
            ['BR-MALA', 35],
            ['BR-YUANYANG', 30],
            ['BR-TOMATO', 12],
            ['BR-SUANCAI', 10],
            ['BR-KOMBU', 8],
            ['BR-HERBAL', 5],
          ] as const);
  add(broth, party >= 6 ? 2 : 1);
  if (!veggie) {
    const plates = Math.max(1, Math.round(party * (0.7 + r() * 0.5)));
    for (let i = 0; i < plates; i++) {
      if (segment === 'vip' && chance(r, 0.25)) add(pick(r, ['BF-WAGYU', 'BF-US-PRIME']));
      else add(pick(r, mild ? MILD_MEATS : MEATS));
    }
    if (segment === 'vip' && chance(r, 0.3)) add('SF-PLATTER');
    else if (chance(r, 0.5)) for (let i = between(r, 1, 2); i > 0; i--) add(pick(r, SEAFOOD));
  }
  for (let i = between(r, 1, veggie ? 5 : 3); i > 0; i--)
    add(pick(r, veggie ? GREEN : mild ? MILD_VEG : VEG));
  for (let i = Math.round(party * 0.7); i > 0; i--)
    add(tags.includes('不要冰') ? 'DR-SOY' : pick(r, SOFT));
  if (chance(r, tags.includes('上班族') ? 0.45 : 0.25)) add('DR-BEER', Math.ceil(party / 2));
  if (tags.includes('商務宴客') && chance(r, 0.6)) add(pick(r, ['DR-KAOLIANG', 'DR-WINE']));
  if (chance(r, 0.35)) add(pick(r, DESSERT), between(r, 1, Math.max(1, Math.ceil(party / 2))));
  add('SC-BAR', party);
  if (chance(r, 0.2)) add(mild ? 'SC-GARLIC' : pick(r, ['SC-GARLIC', 'SC-CHILI']));
  return [...qty].map(([sku, quantity]) => ({
    sku,
    quantity,
    unitPriceMinor: productBySku.get(sku)!.price * TWD,
  }));
}

const VISITS: Record<Segment, [number, number]> = {
  vip: [25, 70],
  regular: [8, 24],
  occasional: [2, 7],
  once: [1, 1],
};
const PARTY: Record<Segment, [number, number]> = {
  vip: [3, 8],
  regular: [2, 5],
  occasional: [2, 4],
  once: [1, 4],
};
/** Chance the member stopped coming at some point (many become zombies). */
const CHURN: Record<Segment, number> = { vip: 0.05, regular: 0.25, occasional: 0.55, once: 1 };

/**
 * A member's visits from their first (the day they joined, or any day for the old customer list)
 * up to `anchor` or the day they stopped coming; never after `anchor`.
 */
export function memberVisits(
  r: Rand,
  m: {
    externalId: string;
    segment: Segment;
    tags: string[];
    store: string;
    joinedAt: Date;
    imported: boolean;
  },
  stores: string[],
  anchor: Date,
): DemoVisit[] {
  const lastDay = taipeiMidnight(anchor).getTime();
  const joinDay = taipeiMidnight(m.joinedAt).getTime();
  const firstDay = m.imported
    ? joinDay + Math.floor(r() * ((lastDay - joinDay) / DAY)) * DAY
    : joinDay;
  let endDay = lastDay;
  if (chance(r, CHURN[m.segment]))
    endDay = firstDay + Math.floor(r() * ((lastDay - firstDay) / DAY) * 0.8) * DAY;
  const n = between(r, ...VISITS[m.segment]);
  const spanDays = Math.max(0, Math.round((endDay - firstDay) / DAY));
  const days = [firstDay];
  for (let tries = 0; days.length < n && tries < n * 6 && spanDays > 0; tries++) {
    const d = new Date(firstDay + between(r, 1, spanDays) * DAY);
    if (busyDay(r, d)) days.push(d.getTime());
  }
  days.sort((a, b) => a - b);
  const visits: DemoVisit[] = [];
  for (const [i, day] of days.entries()) {
    let at = mealTime(r, new Date(day));
    if (at > anchor) at = new Date(at.getTime() - DAY);
    const party = between(r, ...PARTY[m.segment]);
    visits.push({
      externalId: `${m.externalId}-p${String(i + 1).padStart(3, '0')}`,
      store: chance(r, 0.85) ? m.store : pick(r, stores),
      at,
      lines: orderLines(r, m.segment, m.tags, party),
    });
  }
  return visits;
}
