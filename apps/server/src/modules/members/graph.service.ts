import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { assertMember } from './member-rules';

/** The most nodes a graph view shows: beyond that it is cut (and says so). */
export const GRAPH_CAP = 200;

type NodeRow = { member_id: string; depth: number; name: string; card_number: string };
type EdgeRow = {
  relation_id: string;
  member_id: string;
  related_member_id: string | null;
  contact_name: string | null;
  kind: string;
};

/**
 * The relationship graph (人脈關係圖) around a member: members within `depth` steps through
 * relations of any kind and direction, their relatives and friends who are not members, and
 * every relation between them. Nearest first, cut at GRAPH_CAP nodes.
 */
export async function memberGraph(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  depth: number,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    const found = await sql<NodeRow>`
      WITH RECURSIVE walk (member_id, depth) AS (
        SELECT ${memberId}::uuid, 0
        UNION
        SELECT x.n, w.depth + 1 FROM walk w
        CROSS JOIN LATERAL (
          SELECT related_member_id AS n FROM relations
           WHERE member_id = w.member_id AND related_member_id IS NOT NULL
          UNION ALL
          SELECT member_id FROM relations WHERE related_member_id = w.member_id
        ) x
        WHERE w.depth < ${depth}
      )
      SELECT w.member_id, min(w.depth)::int AS depth, m.name, m.card_number
        FROM walk w JOIN members m ON m.member_id = w.member_id AND m.status = 'active'
       GROUP BY w.member_id, m.name, m.card_number
       ORDER BY min(w.depth), m.name, w.member_id
       LIMIT ${GRAPH_CAP + 1}`.execute(tx);
    let truncated = found.rows.length > GRAPH_CAP;
    const members = found.rows.slice(0, GRAPH_CAP);
    const ids = members.map((n) => n.member_id);
    const edges = await tx
      .selectFrom('relations')
      .select(['relation_id', 'member_id', 'related_member_id', 'contact_name', 'kind'])
      .where('member_id', 'in', ids)
      .where((eb) =>
        eb.or([eb('related_member_id', 'is', null), eb('related_member_id', 'in', ids)]),
      )
      .orderBy('created_at')
      .execute();
    const depthOf = new Map(members.map((n) => [n.member_id, n.depth]));
    const contacts = edges.filter((e): e is EdgeRow & { contact_name: string } => !!e.contact_name);
    const room = GRAPH_CAP - members.length;
    if (contacts.length > room) truncated = true;
    const shownContacts = contacts.slice(0, Math.max(0, room));
    const shown = new Set(shownContacts.map((c) => c.relation_id));
    return {
      center: memberId,
      nodes: [
        ...members.map((n) => ({
          id: n.member_id,
          type: 'member' as const,
          name: n.name,
          cardNumber: n.card_number,
          depth: n.depth,
        })),
        ...shownContacts.map((c) => ({
          id: `contact:${c.relation_id}`,
          type: 'contact' as const,
          name: c.contact_name,
          cardNumber: null,
          depth: (depthOf.get(c.member_id) ?? 0) + 1,
        })),
      ],
      edges: edges
        .filter((e) => e.related_member_id || shown.has(e.relation_id))
        .map((e) => ({
          relationId: e.relation_id,
          source: e.member_id,
          target: e.related_member_id ?? `contact:${e.relation_id}`,
          kind: e.kind as 'friend',
        })),
      truncated,
    };
  });
}
