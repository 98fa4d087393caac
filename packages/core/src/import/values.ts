import { cleanText } from '../text';

const key = (s: string) => cleanText(s).toLowerCase().replace(/[\s.]/g, '');

const GENDER: Record<string, string> = {};
for (const [g, words] of Object.entries({
  female: ['女', 'f', 'female', 'woman', '小姐', '女士', '女性', 'ms', 'mrs', 'miss'],
  male: ['男', 'm', 'male', 'man', '先生', '男性', 'mr'],
  other: ['其他', 'other', 'x', '非二元', 'nonbinary'],
  unknown: ['未知', '不詳', '不详', 'unknown', '不提供', '保密'],
}))
  for (const w of words) GENDER[key(w)] = g;

const LANGUAGE: Record<string, string> = {};
for (const [l, words] of Object.entries({
  'zh-TW': [
    'zh-tw',
    'zh_tw',
    'zhtw',
    '繁體',
    '繁体',
    '繁體中文',
    '繁体中文',
    '中文(台灣)',
    'zh-hant',
  ],
  'zh-CN': ['zh-cn', 'zh_cn', 'zhcn', '简体', '簡體', '简体中文', '簡體中文', 'zh-hans'],
  en: ['en', 'english', '英文', '英語', '英语'],
}))
  for (const w of words) LANGUAGE[key(w)] = l;

const CHANNEL: Record<string, string> = {};
for (const [c, words] of Object.entries({
  sms: ['sms', '簡訊', '短信', '短訊'],
  email: ['email', 'e-mail', '電子郵件', '电子邮件', '郵件', '邮件'],
  line: ['line'],
  wechat: ['wechat', '微信'],
  app: ['app'],
  phone: ['phone', '電話', '电话'],
}))
  for (const w of words) CHANNEL[key(w)] = c;

const YES = new Set(
  ['y', 'yes', 'true', '1', '是', '同意', '願意', '愿意', 'v', 'ok', '✓', '○'].map(key),
);
const NO = new Set(
  ['n', 'no', 'false', '0', '否', '不同意', '不願意', '不愿意', 'x', '×'].map(key),
);

export const genderOf = (s: string): string | null => GENDER[key(s)] ?? null;
export const languageOf = (s: string): string | null => LANGUAGE[key(s)] ?? null;
export const channelOf = (s: string): string | null => CHANNEL[key(s)] ?? null;

/** Yes/no as people write it in a sheet: Y/N, 是/否, 同意/不同意, 1/0, true/false. */
export function boolOf(s: string): boolean | null {
  const k = key(s);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return null;
}
