import type { TimelineEntry } from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import './timeline-members';
import { timelineSource, timelineSources } from './timeline-sources';

type Row = { kind: string; id: string; at: Date; at_key: string; data: Record<string, unknown> };
type Cursor = { at: string; kind: string; id: string };

// `at_key` is the timestamptz as PostgreSQL writes it, to the microsecond, so a page ends
// exactly where the last one stopped even when entries share a millisecond.
const AT_KEY = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function decodeCursor(cursor: string): Cursor {
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (
      typeof at === 'string' &&
      AT_KEY.test(at) &&
      typeof kind === 'string' &&
      timelineSource(kind) &&
      typeof id === 'string' &&
      id.length <= 100
    )
      return { at, kind, id };
  } catch {
    // falls through to the error below
  }
  throw new AppError('request.invalid', { detail: 'cursor: not a cursor from this timeline' });
}

const encodeCursor = (r: Row) =>
  Buffer.from(JSON.stringify([r.at_key, r.kind, r.id])).toString('base64url');

/**
 * One member's story, newest first, from every registered timeline source (notes, tasks,
 * purchases, anniversaries, relations, calls, consent, joining; later modules add theirs).
 * Each source is read newest first up to the page size, from the cursor on, then merged.
 */
export async function memberTimeline(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  q: { cursor?: string; limit: number },
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const take = q.limit + 1;
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const m = await tx
      .selectFrom('members')
      .select(['member_id'])
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (!m) throw notFound('member');
    const parts = timelineSources().map(
      (s) => sql`(
        SELECT ${s.kind}::text AS kind, e.id, e.at, e.data
          FROM (${s.entries({ memberId })}) e
         ${after ? sql`WHERE (e.at, ${s.kind}::text, e.id) < (${after.at}::timestamptz, ${after.kind}::text, ${after.id}::text)` : sql``}
         ORDER BY e.at DESC, e.id DESC
         LIMIT ${take})`,
    );
    const r = await sql<Row>`
      SELECT kind, id, at, at::text AS at_key, data FROM (${sql.join(parts, sql` UNION ALL `)}) t
       ORDER BY at DESC, kind DESC, id DESC
       LIMIT ${take}`.execute(tx);
    const page = r.rows.slice(0, q.limit);
    const items = page.map(
      (row) =>
        timelineSource(row.kind)!.schema.parse({
          ...row.data,
          kind: row.kind,
          id: row.id,
          at: new Date(row.at).toISOString(),
        }) as TimelineEntry,
    );
    const last = page.at(-1);
    return { items, nextCursor: r.rows.length > q.limit && last ? encodeCursor(last) : null };
  });
}
