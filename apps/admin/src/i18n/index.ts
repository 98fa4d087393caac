import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@regulars/contracts';
import { en } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

const STORAGE_KEY = 'regulars.admin.language';

/** Each language in its own script: an autonym reads the same whatever the UI language is. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  'zh-TW': '繁體中文',
  en: 'English',
};

const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);

/** The language the user chose in this browser, if any. */
export function rememberedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The first browser language we speak (zh-HK and zh-Hant read Traditional), if any. */
export function browserLanguage(): Language | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const t = tag.toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(t)) return 'zh-TW';
    if (t.startsWith('zh')) return 'zh-CN';
    if (t.startsWith('en')) return 'en';
  }
  return null;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

/** Switches the UI language and remembers it for this browser. */
export async function chooseLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  await i18next.changeLanguage(lang);
}

/** Initial language: the remembered choice, else the browser's, else `fallback` (tenant default). */
export function initI18n(fallback: Language = 'zh-TW') {
  const lng = rememberedLanguage() ?? browserLanguage() ?? fallback;
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources: {
      en: { translation: en },
      'zh-CN': { translation: zhCN },
      'zh-TW': { translation: zhTW },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export { i18next };
