import { describe, expect, it } from 'vitest';
import { systemClock, testClock } from './clock';

describe('clocks', () => {
  it('a test clock stands still until moved', () => {
    const c = testClock('2026-03-01T12:00:00Z');
    expect(c.now().toISOString()).toBe('2026-03-01T12:00:00.000Z');
    c.advance(90 * 60_000);
    expect(c.now().toISOString()).toBe('2026-03-01T13:30:00.000Z');
    c.set('2027-01-01T00:00:00Z');
    expect(c.now().getUTCFullYear()).toBe(2027);
  });
  it('the system clock reads real time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
