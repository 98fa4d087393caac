import type { Lang } from '@regulars/core';

/** How loyalty's template variables read in each message language. */
export type Facts = {
  balance: number;
  expiring: { points: number; on: string } | null;
  tierName: string | null;
  nextName: string | null;
  toNext: number | null;
  /** The last local day to reach the next tier (null: a rolling window has no end). */
  by: string | null;
  basis: 'points' | 'spend';
  currency: string;
  couponCount: number;
  nextCoupon: { name: string; until: string } | null;
};

const number = (n: number, lang: Lang) => new Intl.NumberFormat(lang).format(n);

/** Minor units as money in the message language (NT$1,200; cents only when there are some). */
export function money(minor: number, currency: string, lang: Lang): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
  } catch {
    // An unknown code: two decimals, as most currencies have.
  }
  const amount = minor / 10 ** digits;
  const whole = Number.isInteger(amount);
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    }).format(amount);
  } catch {
    return `${currency} ${number(amount, lang)}`;
  }
}

const T = {
  noExpiry: {
    'zh-CN': '没有即将到期的积分',
    'zh-TW': '沒有即將到期的點數',
    en: 'no points expiring',
  },
  noTier: { 'zh-CN': '普通会员', 'zh-TW': '一般會員', en: 'Member' },
  top: { 'zh-CN': '已达最高等级', 'zh-TW': '已達最高等級', en: 'the highest tier is reached' },
  noCoupon: { 'zh-CN': '没有可用的优惠券', 'zh-TW': '沒有可用的優惠券', en: 'no coupons to use' },
} as const;

function expiring(f: Facts, lang: Lang): string {
  if (!f.expiring) return T.noExpiry[lang];
  const n = number(f.expiring.points, lang);
  if (lang === 'en') return `${n} points on ${f.expiring.on}`;
  return lang === 'zh-TW'
    ? `${n} 點（${f.expiring.on} 到期）`
    : `${n} 积分（${f.expiring.on} 到期）`;
}

/** "spend NT$1,200 more by 2027-03-31", "於 2027-03-31 前再消費 NT$1,200". */
function toNext(f: Facts, lang: Lang): string {
  if (f.toNext === null) return T.top[lang];
  const pts = f.basis === 'points';
  const amount = pts ? number(f.toNext, lang) : money(f.toNext, f.currency, lang);
  if (lang === 'en') {
    const what = pts ? `earn ${amount} more points` : `spend ${amount} more`;
    return f.by ? `${what} by ${f.by}` : what;
  }
  const zhTW = lang === 'zh-TW';
  const what = pts
    ? zhTW
      ? `再累積 ${amount} 點`
      : `再累积 ${amount} 积分`
    : zhTW
      ? `再消費 ${amount}`
      : `再消费 ${amount}`;
  if (!f.by) return what;
  return zhTW ? `於 ${f.by} 前${what}` : `在 ${f.by} 前${what}`;
}

function nextCoupon(f: Facts, lang: Lang): string {
  const c = f.nextCoupon;
  if (!c) return T.noCoupon[lang];
  if (lang === 'en') return `${c.name} (valid until ${c.until})`;
  return lang === 'zh-TW' ? `${c.name}（有效至 ${c.until}）` : `${c.name}（有效期至 ${c.until}）`;
}

/** The values of every loyalty variable for one member, in the message language. */
export function loyaltyValues(f: Facts, lang: Lang): Record<string, string> {
  return {
    'points.balance': number(f.balance, lang),
    'points.expiring': expiring(f, lang),
    'tier.name': f.tierName ?? T.noTier[lang],
    'tier.next': f.nextName ?? T.top[lang],
    'tier.to_next': toNext(f, lang),
    'coupons.count': number(f.couponCount, lang),
    'coupons.next': nextCoupon(f, lang),
  };
}
