import { pinyin } from 'pinyin-pro';

export type NameKeys = { full: string; initials: string };

/**
 * What a Chinese name is searched by besides its characters: full pinyin without tones
 * ("wangxiaoming") and initials ("wxm"). Surnames take their surname reading (單 is shan, 曾 is
 * zeng). Latin letters and digits in the name are kept as they are, lower-cased.
 */
export function nameSearchKeys(name: string): NameKeys {
  const syllables = pinyin(name, {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'consecutive',
    v: true,
  })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
