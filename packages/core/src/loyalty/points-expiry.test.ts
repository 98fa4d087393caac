import { describe, expect, it } from 'vitest';
import { periodStart, pointsExpiry } from './points-expiry';

const taipei = (policy: 'never' | 'after_days' | 'end_of_month' | 'end_of_year', period = 0) => ({
  policy,
  period,
  timeZone: 'Asia/Taipei',
});

describe('points expiry', () => {
  it('never, or N days after earning', () => {
    expect(pointsExpiry(new Date('2026-01-31T10:00:00Z'), taipei('never'))).toBeNull();
    expect(pointsExpiry(new Date('2026-01-31T10:00:00Z'), taipei('after_days', 30))).toEqual(
      new Date('2026-03-02T10:00:00Z'),
    );
  });

  it('ends the month in the business time zone, across the year end', () => {
    // 2026-01-31 23:30 in Taipei is still January there, though February has begun nowhere yet.
    expect(pointsExpiry(new Date('2026-01-31T15:30:00Z'), taipei('end_of_month'))).toEqual(
      new Date('2026-01-31T16:00:00Z'),
    );
    // 16:30 UTC on the 31st is already 1 February in Taipei: expiry at the end of February.
    expect(pointsExpiry(new Date('2026-01-31T16:30:00Z'), taipei('end_of_month'))).toEqual(
      new Date('2026-02-28T16:00:00Z'),
    );
    expect(pointsExpiry(new Date('2026-12-15T00:00:00Z'), taipei('end_of_month', 2))).toEqual(
      new Date('2027-02-28T16:00:00Z'),
    );
    expect(pointsExpiry(new Date('2028-02-10T00:00:00Z'), taipei('end_of_month'))).toEqual(
      new Date('2028-02-29T16:00:00Z'),
    );
  });

  it('ends the year, N years on, in the business time zone', () => {
    expect(pointsExpiry(new Date('2026-12-31T15:59:00Z'), taipei('end_of_year'))).toEqual(
      new Date('2026-12-31T16:00:00Z'),
    );
    expect(pointsExpiry(new Date('2026-12-31T16:01:00Z'), taipei('end_of_year', 1))).toEqual(
      new Date('2028-12-31T16:00:00Z'),
    );
  });

  it('follows daylight saving where the zone has it', () => {
    const ny = { policy: 'end_of_month' as const, period: 0, timeZone: 'America/New_York' };
    expect(pointsExpiry(new Date('2026-03-20T12:00:00Z'), ny)).toEqual(
      new Date('2026-04-01T04:00:00Z'),
    );
    expect(pointsExpiry(new Date('2026-11-20T12:00:00Z'), ny)).toEqual(
      new Date('2026-12-01T05:00:00Z'),
    );
  });

  it('starts cap periods at local midnight', () => {
    const at = new Date('2026-05-10T20:00:00Z'); // 11 May, 04:00 in Taipei
    expect(periodStart(at, 'day', 'Asia/Taipei')).toEqual(new Date('2026-05-10T16:00:00Z'));
    expect(periodStart(at, 'month', 'Asia/Taipei')).toEqual(new Date('2026-04-30T16:00:00Z'));
    expect(periodStart(at, 'year', 'Asia/Taipei')).toEqual(new Date('2025-12-31T16:00:00Z'));
    expect(periodStart(at, 'lifetime', 'Asia/Taipei')).toBeNull();
  });
});
