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
