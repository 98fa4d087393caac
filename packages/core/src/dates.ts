import { toHalfWidth } from './text';

export type DateResult = { ok: true; date: string } | { ok: false; reason: 'date.invalid' };

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): DateResult {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d)
    return { ok: false, reason: 'date.invalid' };
  return { ok: true, date: `${y}-${pad(m)}-${pad(d)}` };
}

/** Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug included). */
export function fromExcelSerial(serial: number): DateResult {
  if (!Number.isInteger(serial) || serial < 1 || serial > 80_000)
    return { ok: false, reason: 'date.invalid' };
  const t = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return valid(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * A calendar date as found in real sheets: 1987/5/12, 1987-05-12, 1987.5.12, 19870512,
 * 1987年5月12日, Excel serial numbers, and — when the business reads Republic-of-China dates —
 * 76/05/12 or 民國76年5月12日 (ROC year + 1911). Returns ISO 'YYYY-MM-DD'.
 */
export function parseDate(input: string | number, opts: { rocDates: boolean }): DateResult {
  if (typeof input === 'number') return fromExcelSerial(input);
  const s = toHalfWidth(input).trim().replace(/\s+/g, '');
  if (/^\d{5}$/.test(s)) return fromExcelSerial(Number(s));
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  const roc = /^民國/.test(s);
  m = /^(?:民國)?(\d{2,4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/.exec(s);
  if (!m) return { ok: false, reason: 'date.invalid' };
  let year = Number(m[1]);
  if (m[1]!.length <= 3) {
    if (!(opts.rocDates || roc)) return { ok: false, reason: 'date.invalid' };
    year += 1911;
  }
  return valid(year, Number(m[2]), Number(m[3]));
}
