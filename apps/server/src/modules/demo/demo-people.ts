/**
 * Realistic Taiwanese people for the demo, from a seeded random stream: the same seed gives the
 * same people, so tests and screenshots are stable.
 */

/** mulberry32: small, fast and good enough for demo data (not for anything secret). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = ReturnType<typeof prng>;

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const chance = (r: Rand, p: number) => r() < p;

export function weighted<T>(r: Rand, items: readonly (readonly [T, number])[]): T {
  const sum = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * sum;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items.at(-1)![0];
}

// Surnames with their share of Taiwan's population (per cent, household registration statistics),
// and the romanisation people use in e-mail addresses.
// prettier-ignore
const SURNAMES: readonly (readonly [string, number, string])[] = [
  ['陳', 11.1, 'chen'], ['林', 8.3, 'lin'], ['黃', 6.0, 'huang'], ['張', 5.3, 'chang'],
  ['李', 5.1, 'lee'], ['王', 4.1, 'wang'], ['吳', 4.0, 'wu'], ['劉', 3.2, 'liu'],
  ['蔡', 2.9, 'tsai'], ['楊', 2.6, 'yang'], ['許', 2.3, 'hsu'], ['鄭', 1.9, 'cheng'],
  ['謝', 1.8, 'hsieh'], ['洪', 1.5, 'hung'], ['郭', 1.5, 'kuo'], ['邱', 1.5, 'chiu'],
  ['曾', 1.4, 'tseng'], ['廖', 1.3, 'liao'], ['賴', 1.3, 'lai'], ['徐', 1.2, 'hsu'],
  ['周', 1.1, 'chou'], ['葉', 1.1, 'yeh'], ['蘇', 1.1, 'su'], ['莊', 0.9, 'chuang'],
  ['呂', 0.9, 'lu'], ['江', 0.9, 'chiang'], ['何', 0.8, 'ho'], ['蕭', 0.8, 'hsiao'],
  ['羅', 0.8, 'lo'], ['高', 0.8, 'kao'], ['潘', 0.6, 'pan'], ['簡', 0.6, 'chien'],
  ['朱', 0.6, 'chu'], ['鍾', 0.6, 'chung'], ['游', 0.5, 'yu'], ['彭', 0.5, 'peng'],
  ['詹', 0.5, 'chan'], ['胡', 0.5, 'hu'], ['施', 0.5, 'shih'], ['沈', 0.5, 'shen'],
  ['余', 0.5, 'yu'], ['盧', 0.4, 'lu'], ['梁', 0.4, 'liang'], ['趙', 0.4, 'chao'],
  ['顏', 0.4, 'yen'], ['柯', 0.4, 'ko'], ['翁', 0.4, 'weng'], ['魏', 0.4, 'wei'],
  ['孫', 0.3, 'sun'], ['戴', 0.3, 'tai'],
  // Compound surnames are rare but real.
  ['歐陽', 0.05, 'ouyang'], ['張簡', 0.05, 'changchien'], ['范姜', 0.04, 'fanchiang'],
  ['司馬', 0.02, 'szuma'], ['諸葛', 0.01, 'chuko'],
];
const SURNAME_WEIGHTS = SURNAMES.map(([s, w]) => [s, w] as const);
const ROMAN = new Map(SURNAMES.map(([s, , r]) => [s, r]));

const MALE =
  '志明俊傑建宏家豪冠宇承翰彥廷柏勳信文雄國榮偉哲威凱政峰佑宗翔育誠昱銘宸睿子軒晉瑋'.split('');
const FEMALE = '雅婷怡君淑芬美玲佳慧欣宜蓁詩涵思妤筱萱靜惠秀珍麗華心瑜郁庭琪如薇穎姿璇品'.split('');
const ROMAN_GIVEN = ['ming', 'wei', 'ting', 'yi', 'chun', 'hao', 'yu', 'hsin', 'chia', 'pei'];

export type Gender = 'female' | 'male' | 'unknown';

export function personName(r: Rand): { name: string; surname: string; gender: Gender } {
  const surname = weighted(r, SURNAME_WEIGHTS);
  const female = chance(r, 0.52);
  const chars = female ? FEMALE : MALE;
  const first = pick(r, chars);
  let second = pick(r, chars);
  while (second === first) second = pick(r, chars);
  const given = chance(r, 0.04) ? first : first + second;
  const gender: Gender = chance(r, 0.03) ? 'unknown' : female ? 'female' : 'male';
  return { name: surname + given, surname, gender };
}

export const romanSurname = (surname: string) => ROMAN.get(surname) ?? 'lin';

/** An e-mail address as people choose them: romanised name, a number, a common provider. */
export function emailFor(r: Rand, surname: string, serial: number): string {
  const domain = weighted(r, [
    ['gmail.com', 60],
    ['yahoo.com.tw', 20],
    ['hotmail.com', 12],
    ['outlook.com', 8],
  ] as const);
  return `${pick(r, ROMAN_GIVEN)}.${romanSurname(surname)}${serial}@${domain}`;
}

// Mobile prefixes in use in Taiwan (09xx).
// prettier-ignore
const MOBILE_PREFIXES = [
  ...Array.from({ length: 30 }, (_, i) => 910 + i),
  952, 953, 955, 956, 958, 960, 961, 963, 965, 966, 968,
  ...Array.from({ length: 14 }, (_, i) => 970 + i),
  987, 988, 989,
];

/** A mobile number not in `taken`, written the way staff type it: 0912-345-678. */
export function mobileNumber(r: Rand, taken: Set<string>): string {
  for (;;) {
    const p = `0${pick(r, MOBILE_PREFIXES)}`;
    const rest = String(between(r, 0, 999_999)).padStart(6, '0');
    const phone = `${p}-${rest.slice(0, 3)}-${rest.slice(3)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}
