import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { toHalfWidth } from './text';

export type Phone = { e164: string; country: string; national: string };
export type PhoneResult = { ok: true; phone: Phone } | { ok: false; reason: 'phone.invalid' };

/** Where our businesses and their members are: tried when the default country does not fit. */
const REGION: CountryCode[] = ['TW', 'CN', 'HK', 'MO', 'SG', 'MY'];

// The national form is formatted only when read: an import of a million rows needs the E.164
// alone, and formatting was a quarter of the time of reading a number.
const toPhone = (p: PhoneNumber): Phone => ({
  e164: p.number,
  country: p.country ?? '',
  get national() {
    return p.formatNational();
  },
});

/**
 * Reads a phone number as people write it — 0912-345-678, +886 912 345 678, 138 0013 8000,
 * full-width digits — into E.164. The business's country fills in what is missing; a number
 * that only makes sense in one other country of the region (a mainland mobile in a Taiwanese
 * shop) is read as that.
 */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const text = toHalfWidth(input)
    .replace(/[()\s.\-–—]/g, ' ')
    .trim();
  if (!/\d/.test(text) || text.replace(/\D/g, '').length < 6)
    return { ok: false, reason: 'phone.invalid' };
  const first = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  if (first?.isValid()) return { ok: true, phone: toPhone(first) };
  if (text.startsWith('+')) return { ok: false, reason: 'phone.invalid' };
  const elsewhere = REGION.filter((c) => c !== defaultCountry)
    .map((c) => parsePhoneNumberFromString(text, c))
    .filter((p): p is PhoneNumber => !!p?.isValid());
  const unique = new Set(elsewhere.map((p) => p.number));
  if (unique.size === 1) return { ok: true, phone: toPhone(elsewhere[0]!) };
  return { ok: false, reason: 'phone.invalid' };
}

/**
 * The number in its national form with the middle hidden — 0912-***-678, 138-****-8000 — for
 * staff whose role may not see contact details.
 */
export function maskPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return '***';
  const groups = p
    .formatNational()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (groups.length >= 3) {
    return groups
      .map((g, i) => (i === 0 || i === groups.length - 1 ? g : '*'.repeat(g.length)))
      .join('-');
  }
  const digits = groups.join('');
  const keep = Math.min(3, Math.floor(digits.length / 3));
  return `${digits.slice(0, keep)}-${'*'.repeat(digits.length - 2 * keep)}-${digits.slice(-keep)}`;
}
