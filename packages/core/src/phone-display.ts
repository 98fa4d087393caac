import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';

/** A stored number as staff of a business see it: shown in full, or with the middle hidden. */
export type PhoneDisplay = { display: string; masked: string };

/**
 * How staff in `home` (the business's country, ISO 3166) write a stored E.164 number: in its
 * national form when it is a domestic number (0912-345-678, 02-2345-6789), with its country
 * code otherwise (+86 138-0013-8000). The masked form hides the middle of that same form
 * (0912-***-678, +86 138-****-8000), so what a role without "view contact details" sees and
 * what a revealed number shows line up digit for digit. Without `home` the number's own
 * country is taken.
 */
export function phoneDisplay(e164: string, home?: string): PhoneDisplay {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return { display: e164, masked: '***' };
  const domestic = !home || callingCode(home) === p.countryCallingCode;
  const words = (domestic ? p.formatNational() : p.formatInternational())
    .replace(/[()]/g, '')
    .split(/[\s-]+/)
    .filter(Boolean);
  const prefix = domestic ? '' : `${words.shift()} `;
  const display = prefix + words.join('-');
  if (words.length >= 3)
    return {
      display,
      masked:
        prefix +
        words
          .map((g, i) => (i === 0 || i === words.length - 1 ? g : '*'.repeat(g.length)))
          .join('-'),
    };
  // One or two groups (9123-4567): hide the middle digits and keep the grouping.
  const digits = words.join('').length;
  const keep = Math.min(3, Math.floor(digits / 3));
  let seen = 0;
  const masked = words
    .map((g) =>
      [...g]
        .map((c) => {
          seen += 1;
          return seen > keep && seen <= digits - keep ? '*' : c;
        })
        .join(''),
    )
    .join('-');
  return { display, masked: prefix + masked };
}

function callingCode(country: string): string | null {
  try {
    return getCountryCallingCode(country as CountryCode);
  } catch {
    return null;
  }
}
