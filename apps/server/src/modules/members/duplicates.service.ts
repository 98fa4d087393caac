import { maskEmail, maskPhone } from '@regulars/core';
import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';

type Reason = 'phone' | 'email' | 'name_birthday';
type GroupRow = {
  reason: Reason;
  shared: string;
  members: {
    memberId: string;
    cardNumber: string;
    name: string;
    birthday: string | null;
    purchaseCount: number;
    version: number;
    createdAt: string;
  }[];
};

/**
 * Members who are probably the same person, in groups: one number held by several members (as
 * mobile or other number), one email, or the same name and birthday. Found in one set-based
 * query; the groups with the most recently added member come first.
 */
export async function findDuplicates(
  ctx: AppContext,
  auth: AuthContext,
  q: { reason?: Reason; limit: number },
) {
  const reveal = auth.permissions.has('contacts.view');
  const rows = await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const r = await sql<GroupRow>`
      WITH phones AS (
        SELECT p AS shared, m.member_id
          FROM members m CROSS JOIN LATERAL unnest(array_append(m.other_phones, m.phone)) p
         WHERE m.status = 'active' AND p IS NOT NULL
      ), groups AS (
        SELECT 'phone' AS reason, shared, array_agg(DISTINCT member_id) AS ids
          FROM phones GROUP BY shared HAVING count(DISTINCT member_id) > 1
        UNION ALL
        SELECT 'email', email, array_agg(member_id)
          FROM members WHERE status = 'active' AND email IS NOT NULL
         GROUP BY email HAVING count(*) > 1
        UNION ALL
        SELECT 'name_birthday', min(name) || ' ' || birthday::text, array_agg(member_id)
          FROM members WHERE status = 'active' AND birthday IS NOT NULL
         GROUP BY lower(name), birthday HAVING count(*) > 1
      )
      SELECT g.reason, g.shared,
             json_agg(json_build_object('memberId', m.member_id, 'cardNumber', m.card_number,
               'name', m.name, 'birthday', m.birthday, 'purchaseCount', coalesce(s.purchase_count, 0),
               'version', m.version, 'createdAt', m.created_at) ORDER BY m.created_at, m.member_id) AS members
        FROM groups g
        JOIN members m ON m.member_id = ANY (g.ids)
        LEFT JOIN member_stats s ON s.member_id = m.member_id
       WHERE ${q.reason ?? null}::text IS NULL OR g.reason = ${q.reason ?? null}::text
       GROUP BY g.reason, g.shared
       ORDER BY max(m.created_at) DESC, g.reason, g.shared
       LIMIT ${q.limit}`.execute(tx);
    return r.rows;
  });
  return rows.map((g) => ({
    reason: g.reason,
    shared:
      reveal || g.reason === 'name_birthday'
        ? g.shared
        : g.reason === 'phone'
          ? maskPhone(g.shared)
          : maskEmail(g.shared),
    members: g.members.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
  }));
}
