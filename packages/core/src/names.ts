import { nameSearchKeys } from './pinyin';

export type Gender = 'female' | 'male' | 'other' | 'unknown';
export type Lang = 'zh-CN' | 'zh-TW' | 'en';

/** Two-character surnames: 歐陽娜娜 is Ms 歐陽, not Ms 歐. */
const COMPOUND = [
  '歐陽',
  '欧阳',
  '司馬',
  '司马',
  '諸葛',
  '诸葛',
  '上官',
  '東方',
  '东方',
  '皇甫',
  '尉遲',
  '尉迟',
  '公孫',
  '公孙',
  '慕容',
  '長孫',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
];

const HAN = /^\p{Script=Han}+$/u;

/** The family name of a Chinese full name ('' when the name is not written in Han characters). */
export function surnameOf(name: string): string {
  const n = name.trim();
  if (!HAN.test(n) || n.length < 2) return '';
  const two = n.slice(0, 2);
  return COMPOUND.includes(two) && n.length > 2 ? two : n.slice(0, 1);
}

/**
 * How to address a member politely: 王先生 / 林小姐 in Chinese; Mr Wang / Ms Lin in English.
 * Without a known gender, or for a name not in Han characters, the full name is the polite form.
 */
export function addressAs(name: string, gender: Gender, lang: Lang): string {
  const full = name.trim();
  if (gender !== 'male' && gender !== 'female') return full;
  const surname = surnameOf(full);
  if (lang === 'en') {
    const title = gender === 'male' ? 'Mr' : 'Ms';
    if (surname) {
      const latin = nameSearchKeys(surname).full;
      return `${title} ${latin.charAt(0).toUpperCase()}${latin.slice(1)}`;
    }
    const words = full.split(/\s+/);
    return words.length > 1 ? `${title} ${words.at(-1)}` : full;
  }
  if (!surname) return full;
  return surname + (gender === 'male' ? '先生' : '小姐');
}
