import { parseDate } from '../dates';
import { toHalfWidth } from '../text';
import type { Cell } from './cells';

/** Digits of `currency`'s minor unit (TWD 2, JPY 0), as Intl knows them. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
  } catch {
    return 2;
  }
}

/**
 * A price or amount as sheets write it (120, 1,280.50, NT$ 99, ￥88元, a number cell) in minor
 * units; null when it is not one, negative, or has more decimals than the currency.
 */
export function parseMoney(cell: Cell, digits: number): number | null {
  let s: string;
  if (typeof cell === 'number') s = String(cell);
  else if (typeof cell === 'string') s = toHalfWidth(cell).replace(/\s/g, '');
  else return null;
  s = s.replace(/^(?:NT\$|NTD|TWD|RMB|CNY|HK\$|US\$|\$|￥|¥)/i, '').replace(/(?:元|圓|块|塊)$/, '');
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) return null;
  const [whole, frac = ''] = s.replace(/,/g, '').split('.') as [string, string?];
  if (frac.replace(/0+$/, '').length > digits) return null;
  const minor =
    Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0').slice(0, digits) || 0);
  return Number.isSafeInteger(minor) && minor <= 1e13 ? minor : null;
}

/** A quantity above 0 with at most three decimals (kg of tea), or null. */
export function parseQuantity(cell: Cell): number | null {
  const s =
    typeof cell === 'number'
      ? String(cell)
      : typeof cell === 'string'
        ? toHalfWidth(cell).trim()
        : '';
  if (!/^\d+(?:\.\d{1,3})?$/.test(s)) return null;
  const q = Number(s);
  return q > 0 && q <= 1e6 ? q : null;
}

/** The UTC instant of a wall-clock time in `timeZone`. */
export function zonedToUtc(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(t));
    const n = (k: string) => Number(parts.find((p) => p.type === k)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - t;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

/**
 * When a purchase happened: a date in any form parseDate reads, optionally followed by a time
 * (14:30, 14:30:05), in the business's time zone; a spreadsheet date cell holds the wall-clock
 * time. Null when it is not a date.
 */
export function parseDateTime(
  cell: Cell,
  opts: { rocDates: boolean; timeZone: string },
): Date | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    const c = cell;
    return zonedToUtc(
      c.getUTCFullYear(),
      c.getUTCMonth() + 1,
      c.getUTCDate(),
      c.getUTCHours(),
      c.getUTCMinutes(),
      opts.timeZone,
    );
  }
  if (typeof cell === 'number') {
    // An Excel serial with a fraction of a day for the time.
    const day = parseDate(Math.floor(cell), opts);
    if (!day.ok) return null;
    const minutes = Math.round((cell - Math.floor(cell)) * 1440);
    const [y, m, d] = day.date.split('-').map(Number) as [number, number, number];
    return zonedToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60, opts.timeZone);
  }
  if (typeof cell !== 'string') return null;
  const s = toHalfWidth(cell).trim();
  const m = /^(.+?)(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(s);
  if (!m) return null;
  const day = parseDate(m[1]!, opts);
  if (!day.ok) return null;
  const h = Number(m[2] ?? 0);
  const mi = Number(m[3] ?? 0);
  if (h > 23 || mi > 59) return null;
  const [y, mo, d] = day.date.split('-').map(Number) as [number, number, number];
  return zonedToUtc(y, mo, d, h, mi, opts.timeZone);
}
