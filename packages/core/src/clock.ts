/** Where the current time comes from. Everything that reads time takes a Clock, never `new Date()`. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move: for tests that cross quiet hours or expiry dates. */
export type TestClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

export function testClock(start: Date | string = '2026-01-01T00:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
