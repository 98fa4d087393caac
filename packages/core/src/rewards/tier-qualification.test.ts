import { describe, expect, it } from 'vitest';
import {
  addMonths,
  decideTier,
  qualifyingWindow,
  retentionWindow,
  tierProgress,
} from './tier-qualification';

const TZ = 'Asia/Taipei';
const tiers = [
  { tierId: 'silver', threshold: 10_000 },
  { tierId: 'gold', threshold: 50_000 },
  { tierId: 'black', threshold: 200_000 },
];
const since = new Date('2026-03-31T04:00:00Z');

describe('qualifying windows in the business’s time zone', () => {
  it('rolling 12 months ends now and starts the day after the same date last year', () => {
    const w = qualifyingWindow('rolling_12m', new Date('2026-11-25T12:00:00Z'), TZ, since, 12);
    expect(w.from.toISOString()).toBe('2025-11-25T16:00:00.000Z'); // 2025-11-26 00:00 Taipei
    expect(w.deadline).toBeNull();
  });
  it('a calendar year turns at local midnight, not at UTC midnight', () => {
    const before = qualifyingWindow(
      'calendar_year',
      new Date('2026-12-31T15:59:59Z'),
      TZ,
      since,
      12,
    );
    const after = qualifyingWindow(
      'calendar_year',
      new Date('2026-12-31T16:00:00Z'),
      TZ,
      since,
      12,
    );
    expect(before.from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(before.deadline!.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(after.from.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const kept = retentionWindow('calendar_year', new Date('2027-02-01T00:00:00Z'), TZ, since, 12)!;
    expect([kept.from.toISOString(), kept.to.toISOString()]).toEqual([
      '2025-12-31T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ]);
  });
  it('since the last change runs for the period, the 31st ending on a shorter month’s last day', () => {
    const w = qualifyingWindow('since_change', new Date('2026-05-01T00:00:00Z'), TZ, since, 12);
    expect(w.from).toEqual(new Date(since.getTime() + 1));
    expect(w.deadline!.toISOString()).toBe('2027-03-31T04:00:00.000Z');
    expect(addMonths(new Date('2026-01-31T04:00:00Z'), 1, TZ).toISOString()).toBe(
      '2026-02-28T04:00:00.000Z',
    );
    expect(
      retentionWindow('since_change', new Date('2027-03-31T03:59:59Z'), TZ, since, 12)!.ended,
    ).toBe(false);
    expect(
      retentionWindow('since_change', new Date('2027-03-31T04:00:00Z'), TZ, since, 12)!.ended,
    ).toBe(true);
  });
});

describe('tier decisions', () => {
  const now = new Date('2027-01-10T00:00:00Z');
  it('upgrade at once, skipping tiers when the value reaches them', () => {
    expect(decideTier({ tiers, currentTierId: null, value: 60_000, reevaluate: false })).toEqual({
      action: 'upgrade',
      tier: tiers[1],
    });
    expect(decideTier({ tiers, currentTierId: 'gold', value: 60_000, reevaluate: false })).toEqual({
      action: 'none',
    });
  });
  it('never lower a tier outside re-evaluation', () => {
    expect(decideTier({ tiers, currentTierId: 'gold', value: 0, reevaluate: false })).toEqual({
      action: 'none',
    });
  });
  it('at re-evaluation: start the grace, wait it out, then lower to what the value still reaches', () => {
    const base = {
      tiers,
      currentTierId: 'gold',
      value: 12_000,
      reevaluate: true,
      now,
      graceDays: 30,
    };
    expect(decideTier({ ...base, belowSince: null })).toEqual({ action: 'start_grace' });
    const started = new Date(now.getTime() - 29 * 86_400_000);
    expect(decideTier({ ...base, belowSince: started })).toEqual({ action: 'none' });
    const over = new Date(now.getTime() - 30 * 86_400_000);
    expect(decideTier({ ...base, belowSince: over })).toEqual({
      action: 'downgrade',
      tier: tiers[0],
    });
    expect(decideTier({ ...base, value: 0, belowSince: over })).toEqual({
      action: 'downgrade',
      tier: null,
    });
    expect(decideTier({ ...base, value: 0, retainValue: 55_000, belowSince: over })).toEqual({
      action: 'clear_grace',
    });
    expect(decideTier({ ...base, graceDays: 0, belowSince: null })).toEqual({
      action: 'downgrade',
      tier: tiers[0],
    });
  });
});

describe('progress', () => {
  it('says exactly how much more reaches the next tier and keeps this one', () => {
    expect(tierProgress(tiers, 'silver', 48_800)).toEqual({
      next: tiers[1],
      toNext: 1_200,
      toKeep: 0,
    });
    expect(tierProgress(tiers, null, 0)).toEqual({ next: tiers[0], toNext: 10_000, toKeep: 0 });
    expect(tierProgress(tiers, 'gold', 20_000)).toEqual({
      next: tiers[2],
      toNext: 180_000,
      toKeep: 30_000,
    });
    expect(tierProgress(tiers, 'black', 250_000)).toEqual({ next: null, toNext: null, toKeep: 0 });
  });
});
