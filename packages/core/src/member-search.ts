import { nameSearchKeys } from './pinyin';
import { toHalfWidth } from './text';

const HAN = /\p{Script=Han}/u;

/** The 1- and 2-character pieces of the Han characters in `text`, for an n-gram index. */
export function hanGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      grams.add(c);
      if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
    });
  }
  return [...grams];
}

/**
 * Grams a query needs to find (all of them must be in the member's grams): the bigrams of each
 * run of Han characters, or the character of a one-character run — as hanGrams cut the name, so
 * "阿離 (新)" looks for 阿離 and 新, not for 離新, which no name holds.
 */
export function queryGrams(q: string): string[] {
  const out = new Set<string>();
  for (const run of q.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

export type SearchFields = {
  name: string;
  email: string | null;
  phones: string[];
  cardNumber: string;
  tags: string[];
};

/**
 * What a member is found by, stored beside the member: Latin text (pinyin, initials, email, the
 * digits of each phone in international and national form, card number, tags) for trigram
 * search, the initials alone for short prefixes, and the Han characters as n-grams.
 */
export function memberSearchDoc(f: SearchFields): {
  latin: string;
  initials: string;
  grams: string[];
} {
  const keys = nameSearchKeys(f.name);
  const digits = f.phones.flatMap((p) => {
    const d = p.replace(/\D/g, '');
    return [d, `0${d.replace(/^(886|86|852|853|65|60)/, '')}`];
  });
  const latin = [keys.full, keys.initials, f.email ?? '', ...digits, f.cardNumber, ...f.tags]
    .map((s) => toHalfWidth(s).toLowerCase())
    .filter(Boolean)
    .join(' ');
  return { latin, initials: keys.initials, grams: hanGrams(`${f.name} ${f.tags.join(' ')}`) };
}

export const hasHan = (s: string) => HAN.test(s);
