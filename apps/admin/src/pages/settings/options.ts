import type { Language } from '@regulars/contracts';

const CURRENCIES = ['TWD', 'CNY', 'HKD', 'MOP', 'SGD', 'MYR', 'JPY', 'KRW', 'USD', 'EUR', 'GBP'];
const COUNTRIES = ['TW', 'CN', 'HK', 'MO', 'SG', 'MY', 'JP', 'KR', 'US', 'GB'];

/** Names come from the browser's own translations (Intl), so they follow the UI language. */
function displayName(lang: Language, type: 'currency' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function currencyOptions(lang: Language) {
  return CURRENCIES.map((c) => ({ value: c, label: `${c} · ${displayName(lang, 'currency', c)}` }));
}

export function countryOptions(lang: Language) {
  return COUNTRIES.map((c) => ({ value: c, label: `${c} · ${displayName(lang, 'region', c)}` }));
}

export function timeZoneOptions() {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.map((z) => ({ value: z, label: z }));
}

/** Sensible first values for a new business, from the language it is set up in. */
export function regionDefaults(lang: Language) {
  if (lang === 'zh-CN') return { timeZone: 'Asia/Shanghai', currency: 'CNY', phoneCountry: 'CN' };
  return { timeZone: 'Asia/Taipei', currency: 'TWD', phoneCountry: 'TW' };
}
