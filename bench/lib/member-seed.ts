// Realistic members for the search benchmarks, written set-based: names drawn from common Taiwanese
// surnames (skewed, as in life) and given-name characters, the search columns computed by the
// same memberSearchDoc() the app uses, inserted in batches through unnest() of column arrays.
import { cardNumber, memberSearchDoc, nameSearchKeys } from '@regulars/core';
import type pg from 'pg';

export const SURNAMES = [
  ...'陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余趙盧梁顏柯孫魏翁戴',
];
export const GIVEN = [
  ...'小明美玲志偉俊傑家豪怡君淑芬雅婷宗翰建宏文華佳慧欣宜承恩冠宇子涵思穎柏睿品妤嘉信秀英珍國強春雪梅雲婉如金龍鳳德安平立誠健成銘凱琪瑜萱庭軒哲維瑋郁彥廷毅心悅',
];
export const TAGS: [tag: string, share: number][] = [
  ['VIP', 0.3],
  ['常客', 0.1],
  ['網購', 0.08],
  ['生日禮', 0.05],
  ['麻辣鍋', 0.03],
  ['wine', 0.02],
];
const DOMAINS = ['gmail.com', 'yahoo.com.tw', 'hotmail.com', 'msa.hinet.net'];

/** A small deterministic generator, so that runs seed the same members. */
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

const initials = new Map<string, string>();
const initialsOf = (name: string) => {
  let v = initials.get(name);
  if (v === undefined) initials.set(name, (v = nameSearchKeys(name).initials));
  return v;
};

export type SeedOptions = {
  tenantId: string;
  count: number;
  storeIds: string[];
  seed: number;
  /** Every this-many-th member is called 王小明 (so the literal example always has matches). */
  wangEvery?: number;
  onProgress?: (done: number) => void;
};

/**
 * Inserts `count` members as the connection's (owner) role: mobile +8869 and the member's number,
 * every 10th with a mainland number as other phone, 6 in 10 with an email, tags by share, created
 * over the last five years (member i later than member i-1), spread over the stores.
 */
export async function seedMembers(client: pg.Client, o: SeedOptions): Promise<void> {
  const rand = prng(o.seed);
  const BATCH = 5000;
  const span = 5 * 365 * 24 * 3600 * 1000;
  const start = Date.now() - span;
  for (let from = 1; from <= o.count; from += BATCH) {
    const cols: string[][] = Array.from({ length: 12 }, () => []);
    for (let i = from; i < Math.min(from + BATCH, o.count + 1); i++) {
      const surname = SURNAMES[Math.floor(SURNAMES.length * rand() ** 1.8)]!;
      const given =
        GIVEN[Math.floor(rand() * GIVEN.length)]! +
        (rand() < 0.8 ? GIVEN[Math.floor(rand() * GIVEN.length)]! : '');
      const name = o.wangEvery && i % o.wangEvery === 7 ? '王小明' : surname + given;
      const phone = `+8869${String(i).padStart(8, '0')}`;
      const other = i % 10 === 0 ? [`+86138${String(i).padStart(8, '0')}`] : [];
      const tags = TAGS.filter(([, share]) => rand() < share).map(([t]) => t);
      const card = cardNumber(i);
      const email = rand() < 0.6 ? `${initialsOf(name)}${i}@${DOMAINS[i % DOMAINS.length]}` : null;
      const doc = memberSearchDoc({
        name,
        email,
        phones: [phone, ...other],
        cardNumber: card,
        tags,
      });
      const created = new Date(start + (span * i) / o.count + Math.floor(rand() * 60_000));
      const row = [
        card,
        name,
        i % 2 ? 'male' : 'female',
        phone,
        other.join('|'),
        email ?? '',
        tags.join('|'),
        doc.latin,
        doc.initials,
        doc.grams.join('|'),
        o.storeIds[i % o.storeIds.length]!,
        created.toISOString(),
      ];
      row.forEach((v, c) => cols[c]!.push(v));
    }
    await client.query(
      `INSERT INTO members (tenant_id, member_id, card_number, name, gender, phone, other_phones,
                            email, source, tags, search_latin, name_initials, name_grams,
                            home_store_id, created_at, updated_at)
       SELECT $1, gen_random_uuid(), card, name, gender, phone, string_to_array(other, '|'),
              nullif(email, ''), 'import', string_to_array(tags, '|'), latin, initials,
              string_to_array(grams, '|'), store::uuid, created::timestamptz, created::timestamptz
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
              AS r(card, name, gender, phone, other, email, tags, latin, initials, grams, store, created)`,
      [o.tenantId, ...cols],
    );
    o.onProgress?.(Math.min(from + BATCH - 1, o.count));
  }
}
