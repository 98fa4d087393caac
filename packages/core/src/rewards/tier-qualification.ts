import { localMidnight, localParts } from '../loyalty/local-time';

export type QualifyWindow = 'rolling_12m' | 'calendar_year' | 'since_change';
export type TierStep = { tierId: string; threshold: number };
export type Span = { from: Date; to: Date };

/**
 * The window whose points or spending count now, in the business's time zone, and the instant
 * by which a threshold must be reached in it (null for a rolling window, which has no end).
 * - rolling_12m: the last twelve months, up to and including this instant;
 * - calendar_year: 1 January this year to 1 January next year;
 * - since_change: from the last tier change, for `periodMonths` months.
 */
export function qualifyingWindow(
  kind: QualifyWindow,
  now: Date,
  timeZone: string,
  since: Date,
  periodMonths: number,
): Span & { deadline: Date | null } {
  const p = localParts(now, timeZone);
  if (kind === 'rolling_12m') {
    return {
      from: localMidnight(p.year - 1, p.month, p.day + 1, timeZone),
      to: justAfter(now),
      deadline: null,
    };
  }
  if (kind === 'calendar_year') {
    const end = localMidnight(p.year + 1, 1, 1, timeZone);
    return { from: localMidnight(p.year, 1, 1, timeZone), to: end, deadline: end };
  }
  // What made the change (at `since`) does not count again toward the next one.
  const end = addMonths(since, periodMonths, timeZone);
  return { from: justAfter(since), to: end, deadline: end };
}

/**
 * The window a member keeps their tier by at re-evaluation: the one that has ended. A calendar
 * year's tier holds through the next year (last year's value counts); a since-change period
 * counts once it is over; a rolling window is always the last twelve months.
 */
export function retentionWindow(
  kind: QualifyWindow,
  now: Date,
  timeZone: string,
  since: Date,
  periodMonths: number,
): (Span & { ended: boolean }) | null {
  if (kind === 'rolling_12m')
    return { ...qualifyingWindow(kind, now, timeZone, since, 0), ended: true };
  if (kind === 'calendar_year') {
    const p = localParts(now, timeZone);
    return {
      from: localMidnight(p.year - 1, 1, 1, timeZone),
      to: localMidnight(p.year, 1, 1, timeZone),
      ended: true,
    };
  }
  const end = addMonths(since, periodMonths, timeZone);
  return { from: justAfter(since), to: end, ended: end.getTime() <= now.getTime() };
}

/** The end of a span that includes `now` (spans are half-open: [from, to)). */
export const justAfter = (now: Date) => new Date(now.getTime() + 1);

/** The same local time `months` later (the 31st becomes the month's last day). */
export function addMonths(at: Date, months: number, timeZone: string): Date {
  const p = localParts(at, timeZone);
  const target = new Date(Date.UTC(p.year, p.month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  const midnight = localMidnight(
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    Math.min(p.day, lastDay),
    timeZone,
  );
  return new Date(midnight.getTime() + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000);
}

/** The highest tier whose threshold the value reaches, or null. */
export function tierFor<T extends TierStep>(tiers: readonly T[], value: number): T | null {
  let best: T | null = null;
  for (const t of tiers)
    if (value >= t.threshold && (!best || t.threshold > best.threshold)) best = t;
  return best;
}

const rank = (tiers: readonly TierStep[], id: string | null) =>
  id === null
    ? -1
    : [...tiers].sort((a, b) => a.threshold - b.threshold).findIndex((t) => t.tierId === id);

export type TierDecision<T> =
  | { action: 'none' }
  | { action: 'upgrade'; tier: T }
  | { action: 'start_grace' }
  | { action: 'clear_grace' }
  | { action: 'downgrade'; tier: T | null };

/**
 * What to do with a member's tier. Upgrades happen at once, whenever `value` (the current
 * window) reaches a higher tier. Only a re-evaluation lowers a tier, and only when the
 * retention value has stayed below the tier's threshold for `graceDays` since it was first
 * found below (`belowSince`).
 */
export function decideTier<T extends TierStep>(input: {
  tiers: readonly T[];
  currentTierId: string | null;
  value: number;
  reevaluate: boolean;
  retainValue?: number;
  belowSince?: Date | null;
  now?: Date;
  graceDays?: number;
}): TierDecision<T> {
  const { tiers, currentTierId } = input;
  const reached = tierFor(tiers, input.value);
  const current = rank(tiers, currentTierId);
  if (reached && rank(tiers, reached.tierId) > current) return { action: 'upgrade', tier: reached };
  if (!input.reevaluate || currentTierId === null) return { action: 'none' };
  const kept = tierFor(tiers, Math.max(input.value, input.retainValue ?? 0));
  if (kept && rank(tiers, kept.tierId) >= current)
    return input.belowSince ? { action: 'clear_grace' } : { action: 'none' };
  if (!input.belowSince && (input.graceDays ?? 0) > 0) return { action: 'start_grace' };
  const since = input.belowSince ?? input.now!;
  const graceOver = input.now!.getTime() - since.getTime() >= (input.graceDays ?? 0) * 86_400_000;
  return graceOver ? { action: 'downgrade', tier: kept } : { action: 'none' };
}

export type TierProgress<T> = {
  /** The next tier above the one held (and above what the value reaches), or null at the top. */
  next: T | null;
  /** Points or minor units still needed in the window to reach `next`. */
  toNext: number | null;
  /** Still needed to keep the tier held (0 when its threshold is already reached). */
  toKeep: number;
};

/** Exact progress: how much more, in the window's unit, to reach the next tier and to keep this one. */
export function tierProgress<T extends TierStep>(
  tiers: readonly T[],
  currentTierId: string | null,
  value: number,
): TierProgress<T> {
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  const held = sorted.find((t) => t.tierId === currentTierId) ?? null;
  const floor = Math.max(held?.threshold ?? -1, value);
  const next = sorted.find((t) => t.threshold > floor && t.tierId !== currentTierId) ?? null;
  return {
    next,
    toNext: next ? next.threshold - value : null,
    toKeep: held ? Math.max(0, held.threshold - value) : 0,
  };
}
