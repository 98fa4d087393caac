import type { TFunction } from 'i18next';
import type { Language } from '@regulars/contracts';
import { formatDate } from '../../format';

/** Where a member or a contact detail came from: "from import, 2026/11/25". */
export function sourceText(
  t: TFunction,
  lang: Language,
  s: { source: string; at?: string } | undefined,
): string {
  if (!s) return '';
  const source = t(`members.sources.${s.source}`, { defaultValue: s.source });
  return s.at
    ? t('members.fromSourceAt', { source, date: formatDate(s.at, lang) })
    : t('members.fromSource', { source });
}
