import { localParts, zonedInstant } from './local-time';

/** A nightly window, as local "HH:MM" times; it may wrap midnight (21:00–09:00). */
export type QuietHours = { start: string; end: string };

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/**
 * When the quiet hours in force at `now` end, in the given time zone, or null when `now` is
 * outside them. Start is inclusive, end exclusive; equal start and end mean no quiet hours.
 */
export function quietHoursEnd(now: Date, timeZone: string, quiet: QuietHours): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const p = localParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  // The window ends today (local) if its end is still ahead on the clock, else tomorrow.
  const dayOffset = minute < end ? 0 : 1;
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day + dayOffset));
  return zonedInstant(
    {
      year: day.getUTCFullYear(),
      month: day.getUTCMonth() + 1,
      day: day.getUTCDate(),
      hour: Math.floor(end / 60),
      minute: end % 60,
    },
    timeZone,
  );
}
