import type { Locale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import zhTWLocale from 'antd/locale/zh_TW';
import type { Language } from '@regulars/contracts';

/** Ant Design's own texts (pagination, empty tables, date pickers) in the UI language. */
export const ANTD_LOCALES: Record<Language, Locale> = {
  'zh-CN': zhCNLocale,
  'zh-TW': zhTWLocale,
  en: enUS,
};
