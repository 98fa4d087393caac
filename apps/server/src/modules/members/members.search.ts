import { hasHan, isValidCardNumber, normalizePhone, queryGrams, toHalfWidth } from '@regulars/core';
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
  const q = f.q ? toHalfWidth(f.q).trim() : '';
  let query = tx
    .selectFrom('members')
    .select([...MEMBER_COLUMNS])
    .where('status', '=', 'active');
  if (tags.length) query = query.where('tags', '@>', sql<string[]>`${tags}::text[]`);
  if (f.homeStoreId) query = query.where('home_store_id', '=', f.homeStoreId);
  if (q) {
    const digits = q.replace(/[\s\-()+]/g, '');
    const phone = /^\d{6,}$/.test(digits) ? normalizePhone(q, phoneCountry) : null;
    if (/^\d{10}$/.test(digits) && isValidCardNumber(digits) && !phone?.ok) {
      query = query.where('card_number', '=', digits);
    } else if (phone?.ok) {
      const e164 = phone.phone.e164;
      query = query.where((eb) =>
        eb.or([
          eb('phone', '=', e164),
          eb('other_phones', '@>', sql<string[]>`ARRAY[${e164}]::text[]`),
          eb('card_number', '=', digits),
        ]),
      );
    } else if (hasHan(q)) {
      query = query
        .where('name_grams', '@>', sql<string[]>`${queryGrams(q)}::text[]`)
        .where('name', 'like', `%${likeEscape(q)}%`);
    } else {
      const latin = q.toLowerCase().replace(/\s+/g, '');
      query =
        latin.length >= 3
          ? query.where('search_latin', 'like', `%${likeEscape(latin)}%`)
          : query.where('name_initials', 'like', `${likeEscape(latin)}%`);
    }
  }
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    query = query.where(
      sql<boolean>`(created_at, member_id) < (${c.at}::timestamptz, ${c.id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('member_id', 'desc')
    .limit(f.limit + 1)
    .execute();
  const page = rows.slice(0, f.limit);
  return { rows: page, nextCursor: rows.length > f.limit ? encodeCursor(page.at(-1)!) : null };
}
