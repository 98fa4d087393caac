import { localMidnight, localParts } from './local-time';

export type ExpiryPolicy = 'never' | 'after_days' | 'end_of_month' | 'end_of_year';
export type ExpirySettings = { policy: ExpiryPolicy; period: number; timeZone: string };

/**
 * When points earned at `earnedAt` lapse: null for never; after N days, the moment N×24 h
 * later; at the end of the month or year (`period` months or years after the one they were
 * earned in), the local midnight that starts the next month or year in the business's zone.
 */
export function pointsExpiry(earnedAt: Date, s: ExpirySettings): Date | null {
  switch (s.policy) {
    case 'never':
      return null;
    case 'after_days':
      return new Date(earnedAt.getTime() + Math.max(s.period, 1) * 86_400_000);
    case 'end_of_month': {
      const p = localParts(earnedAt, s.timeZone);
      const months = p.year * 12 + (p.month - 1) + s.period + 1;
      return localMidnight(Math.floor(months / 12), (months % 12) + 1, 1, s.timeZone);
    }
    case 'end_of_year': {
      const p = localParts(earnedAt, s.timeZone);
      return localMidnight(p.year + s.period + 1, 1, 1, s.timeZone);
    }
  }
}

/** The start of the cap period that contains `at` (local calendar), or null for lifetime. */
export function periodStart(
  at: Date,
  period: 'day' | 'month' | 'year' | 'lifetime',
  timeZone: string,
): Date | null {
  const p = localParts(at, timeZone);
  if (period === 'lifetime') return null;
  if (period === 'year') return localMidnight(p.year, 1, 1, timeZone);
  if (period === 'month') return localMidnight(p.year, p.month, 1, timeZone);
  return localMidnight(p.year, p.month, p.day, timeZone);
}
