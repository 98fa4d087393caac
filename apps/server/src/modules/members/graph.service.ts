import Graph from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { bfsFromNode } from 'graphology-traversal';
import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { assertMember } from './member-rules';

/** The most nodes a graph view shows: beyond that it is cut (and says so). */
export const GRAPH_CAP = 200;
/** Levels of "brought in by the people they brought in" counted for influence. */
const LEVELS = 5;

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

/**
 * Influence centers: members ranked by the people they brought in (introduced_by, directly
 * and through those people, per level) or by PageRank over every relation between members,
 * where an introduction points to the introducer and other relations point both ways.
 * Built from one query; the graph work is graphology's.
 */
export async function influenceCenters(
  ctx: AppContext,
  auth: AuthContext,
  q: { by: 'introduced' | 'centrality'; limit: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const rels = await tx
      .selectFrom('relations')
      .select(['member_id', 'related_member_id', 'kind'])
      .where('related_member_id', 'is not', null)
      .execute();
    const web = new Graph({ type: 'directed', allowSelfLoops: false });
    const intro = new Graph({ type: 'directed', allowSelfLoops: false });
    const link = (from: string, to: string) => {
      web.mergeNode(from);
      web.mergeNode(to);
      web.updateEdge(from, to, (a: { weight?: number }) => ({ weight: (a.weight ?? 0) + 1 }));
    };
    for (const r of rels) {
      const other = r.related_member_id!;
      link(r.member_id, other);
      if (r.kind === 'introduced_by') {
        intro.mergeNode(other);
        intro.mergeNode(r.member_id);
        intro.mergeEdge(other, r.member_id);
      } else link(other, r.member_id);
    }
    const rank = web.order ? pagerank(web, { getEdgeWeight: 'weight' }) : {};
    const levels = new Map<string, number[]>();
    intro.forEachNode((node) => {
      if (!intro.outDegree(node)) return;
      const counts = Array<number>(LEVELS).fill(0);
      bfsFromNode(
        intro,
        node,
        (_key, _attr, depth) => {
          if (depth > 0) counts[depth - 1]! += 1;
          return depth >= LEVELS;
        },
        { mode: 'outbound' },
      );
      levels.set(node, counts);
    });
    const total = (id: string) => (levels.get(id) ?? []).reduce((s, n) => s + n, 0);
    const ranked = web
      .nodes()
      .map((id) => ({ id, total: total(id), centrality: rank[id] ?? 0 }))
      .filter((x) => q.by === 'centrality' || x.total > 0)
      .sort((a, b) =>
        q.by === 'introduced'
          ? b.total - a.total || b.centrality - a.centrality || a.id.localeCompare(b.id)
          : b.centrality - a.centrality || b.total - a.total || a.id.localeCompare(b.id),
      )
      .slice(0, q.limit);
    if (!ranked.length) return [];
    const names = await tx
      .selectFrom('members')
      .select(['member_id', 'name', 'card_number'])
      .where(
        'member_id',
        'in',
        ranked.map((r) => r.id),
      )
      .where('status', '=', 'active')
      .execute();
    const byId = new Map(names.map((n) => [n.member_id, n]));
    return ranked
      .filter((r) => byId.has(r.id))
      .map((r) => ({
        memberId: r.id,
        cardNumber: byId.get(r.id)!.card_number,
        name: byId.get(r.id)!.name,
        introducedByLevel: levels.get(r.id) ?? Array<number>(LEVELS).fill(0),
        introducedTotal: r.total,
        relations: web.neighbors(r.id).length,
        centrality: r.centrality,
      }));
  });
}
