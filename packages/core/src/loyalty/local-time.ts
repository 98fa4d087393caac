// A formatter per time zone: making one costs far more than using it (a batch of messages or a
// night's run asks thousands of times for the same few zones).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    if (formatters.size >= 1000) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** Calendar parts of an instant in an IANA time zone. */
export function localParts(at: Date, timeZone: string) {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: weekdays.indexOf(get('weekday')) + 1,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant of local midnight starting the given calendar day (month may overflow: 13 → next January). */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // The zone's offset at the guess, then once more at the corrected instant (offset changes).
  let at = guess;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(at), timeZone);
    const shownAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    at = guess - (shownAsUtc - at);
  }
  return new Date(at);
}

/** The local calendar day of an instant and its ISO weekday (1 = Monday), for earning rules. */
export function localDay(at: Date, timeZone: string): { date: string; weekday: number } {
  const p = localParts(at, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, weekday: p.weekday };
}
