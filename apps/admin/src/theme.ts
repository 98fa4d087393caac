import type { Language } from '@regulars/contracts';

const CJK: Record<Language, string[]> = {
  'zh-CN': ["'PingFang SC'", "'Microsoft YaHei'", "'Noto Sans CJK SC'", "'Noto Sans SC'"],
  'zh-TW': ["'PingFang TC'", "'Microsoft JhengHei'", "'Noto Sans CJK TC'", "'Noto Sans TC'"],
  en: ["'PingFang SC'", "'Microsoft YaHei'", "'Noto Sans CJK SC'"],
};

/** Latin faces first, then the CJK faces of the language's script (simplified or traditional). */
export function fontFamilyFor(lang: Language): string {
  return [
    '-apple-system',
    'BlinkMacSystemFont',
    "'Segoe UI'",
    ...CJK[lang],
    "'Helvetica Neue'",
    'Arial',
    'sans-serif',
  ].join(', ');
}
