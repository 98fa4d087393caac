// The caller-ID lookup as it was before caller_card() (migration 0010): a tenant transaction,
// the business's phone country read, and the card query planned afresh — five round trips.
// Kept only as the benchmark's reference, measured in the same run as today's lookup.
import { normalizePhone } from '@regulars/core';
import { sql, type Db } from '@regulars/db';

export async function lookUpBefore(db: Db, tenantId: string, raw: string, now: Date) {
  return db.withTenant(tenantId, async (tx) => {
    const { phone_country } = await tx
      .selectFrom('tenants')
      .select('phone_country')
      .executeTakeFirstOrThrow();
    const r = normalizePhone(raw, phone_country);
    if (!r.ok) throw new Error(`not a number: ${raw}`);
    const phone = r.phone.e164;
    const found = await sql<{ member_id: string }>`
    WITH hits AS (SELECT member_id, rank FROM member_ids_by_phone(${phone})),
        best AS (
          SELECT member_id, rank, (SELECT count(DISTINCT member_id) FROM hits)::int AS matches
            FROM hits ORDER BY rank, member_id LIMIT 1
        )
    SELECT m.member_id, m.card_number, m.name, m.gender, m.tags, b.rank, b.matches,
           to_char(${now}::timestamptz AT TIME ZONE t.time_zone, 'YYYY-MM-DD') AS today,
           s.purchase_count, s.total_spent_minor, s.first_purchase_at, s.last_purchase_at,
           lp.last_purchase, tk.open_tasks, nt.last_notes, dt.dates
      FROM best b
      JOIN members m ON m.member_id = b.member_id AND m.status = 'active'
      CROSS JOIN tenants t
      LEFT JOIN member_stats s ON s.member_id = m.member_id
      LEFT JOIN LATERAL (
        SELECT json_build_object('purchaseId', p.purchase_id, 'occurredAt', p.occurred_at,
                 'totalMinor', p.total_minor, 'storeId', p.store_id, 'storeName', st.name) AS last_purchase
          FROM purchases p LEFT JOIN stores st ON st.store_id = p.store_id
         WHERE p.member_id = m.member_id ORDER BY p.occurred_at DESC LIMIT 1
      ) lp ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('taskId', x.task_id, 'title', x.title,
                 'dueAt', x.due_at, 'assigneeName', x.assignee_name) ORDER BY x.n), '[]') AS open_tasks
          FROM (SELECT k.task_id, k.title, k.due_at, a.name AS assignee_name,
                       row_number() OVER (ORDER BY k.due_at NULLS LAST, k.created_at) AS n
                  FROM tasks k LEFT JOIN staff a ON a.staff_id = k.assignee_id
                 WHERE k.member_id = m.member_id AND k.status = 'open'
                 ORDER BY k.due_at NULLS LAST, k.created_at LIMIT 5) x
      ) tk ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('noteId', x.note_id, 'body', x.body,
                 'authorName', x.author_name, 'createdAt', x.created_at) ORDER BY x.created_at DESC), '[]') AS last_notes
          FROM (SELECT n.note_id, n.body, a.name AS author_name, n.created_at
                  FROM notes n LEFT JOIN staff a ON a.staff_id = n.author_id
                 WHERE n.member_id = m.member_id ORDER BY n.created_at DESC LIMIT 3) x
      ) nt ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'label', x.label, 'date', x.date)), '[]') AS dates
          FROM (SELECT 'birthday' AS kind, '' AS label, m.birthday AS date WHERE m.birthday IS NOT NULL
                UNION ALL
                SELECT a.kind, a.label, a.date FROM anniversaries a WHERE a.member_id = m.member_id) x
      ) dt ON true`.execute(tx);
    return found.rows[0] ?? null;
  });
}
