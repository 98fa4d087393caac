import { cleanText, hasHan, isValidCardNumber, normalizePhone, queryGrams } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import { AppError } from '../../http/errors';
import { MEMBER_COLUMNS, type MemberRow } from './member-view';

export type MemberQuery = {
  q?: string;
  tag?: string | string[];
  homeStoreId?: string;
  cursor?: string;
  limit: number;
};

type SearchArgs = {
  card: string | null;
  phone: string | null;
  grams: string[] | null;
  nameLike: string | null;
  latinLike: string | null;
  initialsLike: string | null;
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!at || !id || !iso.test(at) || Number.isNaN(Date.parse(at)) || !uuid.test(id))
    throw new AppError('request.invalid', { detail: 'cursor: not a cursor from this list' });
  return { at, id };
}

const encodeCursor = (r: MemberRow) =>
  Buffer.from(`${r.created_at.toISOString()}|${r.member_id}`).toString('base64url');

/**
 * Finds members by what staff type: a card number, a phone in any format, a name in Han
 * characters, pinyin or initials ("wxm"), part of an email or of a number; plus tag and store
 * filters. Newest first, keyset-paginated.
 */
export async function searchMembers(tx: Tx, phoneCountry: string, f: MemberQuery) {
  const tags = f.tag === undefined ? [] : [f.tag].flat();
  // Read as names are stored (cleanText: half-width, one space), so a name finds itself as typed.
  const q = f.q ? cleanText(f.q) : '';
  const p: SearchArgs = {
    card: null,
    phone: null,
    grams: null,
    nameLike: null,
    latinLike: null,
    initialsLike: null,
  };
  if (q) {
    const digits = q.replace(/[\s\-()+]/g, '');
    const phone = /^\d{6,}$/.test(digits) ? normalizePhone(q, phoneCountry) : null;
    if (/^\d{10}$/.test(digits) && isValidCardNumber(digits) && !phone?.ok) {
      p.card = digits;
    } else if (phone?.ok) {
      p.phone = phone.phone.e164;
      p.card = digits;
    } else if (hasHan(q)) {
      p.grams = queryGrams(q);
      p.nameLike = `%${likeEscape(q)}%`;
    } else {
      const latin = q.toLowerCase().replace(/\s+/g, '');
      if (latin.length >= 3) p.latinLike = `%${likeEscape(latin)}%`;
      else p.initialsLike = `${likeEscape(latin)}%`;
    }
  }
  const c = f.cursor ? decodeCursor(f.cursor) : null;
  // The ids come from search_member_ids() (migrations 0009, 0010, 0020), which can use the
  // search indexes under row-level security; the members themselves are read through it as
  // everywhere else.
  const ids = sql<string>`(SELECT member_id FROM search_member_ids(
    ${p.card}, ${p.phone}, ${p.grams}::text[], ${p.nameLike}, ${p.latinLike}, ${p.initialsLike},
    ${tags.length ? tags : null}::text[], ${f.homeStoreId ?? null}::uuid,
    ${c?.at ?? null}::timestamptz, ${c?.id ?? null}::uuid, ${f.limit + 1}::int))`;
  const rows = await tx
    .selectFrom('members')
    .select([...MEMBER_COLUMNS])
    .where('member_id', 'in', ids)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .orderBy('member_id', 'desc')
    .execute();
  const page = rows.slice(0, f.limit);
  return { rows: page, nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!) : null };
}
