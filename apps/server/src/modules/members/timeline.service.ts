import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';

type Entry = {
  kind: 'purchase' | 'note' | 'task' | 'consent' | 'member';
  id: string;
  at: Date;
  summary: string;
  detail: Record<string, unknown>;
};

/**
 * One member's story, newest first: purchases, notes, tasks, consent decisions and joining —
 * one query over the tables that hold them. Later modules (messages, points, events) add theirs.
 */
export async function memberTimeline(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  f: { before?: string; limit: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const m = await tx
      .selectFrom('members')
      .select(['member_id'])
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (!m) throw notFound('member');
    const before = f.before ? new Date(f.before) : new Date('9999-12-31T00:00:00Z');
    const r = await sql<Entry>`
      SELECT * FROM (
        SELECT 'purchase' AS kind, purchase_id::text AS id, occurred_at AS at, total_minor::text AS summary,
               jsonb_build_object('storeId', store_id, 'channel', channel, 'externalId', external_id) AS detail
          FROM purchases WHERE member_id = ${memberId}
        UNION ALL
        SELECT 'note', note_id::text, created_at, left(body, 200), jsonb_build_object('authorId', author_id)
          FROM notes WHERE member_id = ${memberId}
        UNION ALL
        SELECT 'task', task_id::text, created_at, title, jsonb_build_object('status', status, 'dueAt', due_at, 'assigneeId', assignee_id)
          FROM tasks WHERE member_id = ${memberId}
        UNION ALL
        SELECT 'consent', entry_id::text, at, channel, jsonb_build_object('granted', granted, 'source', source)
          FROM member_consent_history WHERE member_id = ${memberId}
        UNION ALL
        SELECT 'member', member_id::text, created_at, source, source_ref
          FROM members WHERE member_id = ${memberId}
      ) t
      WHERE at < ${before}
      ORDER BY at DESC, id DESC
      LIMIT ${f.limit}`.execute(tx);
    return r.rows.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  });
}
