import type { Language } from '@regulars/contracts';

/** A moment as people read it: in the business's time zone when known, else the browser's. */
export function formatDateTime(iso: string, lang: Language, timeZone?: string): string {
  const opts: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  };
  try {
    return new Intl.DateTimeFormat(lang, { ...opts, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(lang, opts).format(new Date(iso));
  }
}

/** A moment to the minute (due dates, timeline entries), in this browser's time zone. */
export function formatMinute(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** A calendar date (2026-11-25), or the day of a moment in this browser, as read in `lang`. */
export function formatDate(iso: string, lang: Language): string {
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (iso.length > 10) return new Intl.DateTimeFormat(lang, opts).format(new Date(iso));
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { ...opts, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

/** Digits after the decimal point of `currency`'s minor unit (TWD 2, JPY 0). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * Money kept in minor units, shown in `lang`: whole amounts without decimals (NT$880, not
 * NT$880.00), fractions only when there are any.
 */
export function formatMoney(minor: number, currency: string, lang: Language): string {
  const digits = minorDigits(currency);
  const value = minor / 10 ** digits;
  const whole = Number.isInteger(value);
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return String(value);
  }
}

/** A card number grouped by four for reading aloud: 0000 0000 18. */
export function groupCardNumber(card: string): string {
  return card.replace(/(.{4})(?=.)/g, '$1 ');
}
