import { localParts as calendarParts } from '../loyalty/local-time';

/** Wall-clock parts of an instant in an IANA time zone (one cached formatter per zone). */
export function localParts(at: Date, timeZone: string) {
  const { year, month, day, hour, minute, second } = calendarParts(at, timeZone);
  return { year, month, day, hour, minute, second };
}

/** The offset of a time zone from UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `timeZone` shows the given local date and time.
 * (A time skipped by a daylight-saving change resolves to the first instant after it.)
 */
export function zonedInstant(
  local: { year: number; month: number; day: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

/** True when the name is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
