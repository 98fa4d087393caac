import Graph from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { bfsFromNode } from 'graphology-traversal';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';

/** Levels of "brought in by the people they brought in" counted for influence. */
const LEVELS = 5;
/** Candidates kept per order: the most a request asks for (100), and room for retired members. */
const KEEP = 200;
/** Businesses whose ranking a process keeps at most (then it starts afresh). */
const MAX_TENANTS = 1_000;

type Ranked = {
  id: string;
  total: number;
  centrality: number;
  levels: number[];
  relations: number;
};
/** One business's ranking, for the relations it was computed from. */
type Ranking = {
  fingerprint: string;
  computedAt: Date;
  introduced: Ranked[];
  centrality: Ranked[];
};

const rankings = new Map<string, Ranking>();
const computing = new Map<string, Promise<Ranking>>();

/**
 * What the ranking depends on, cheaply: how many relations between members there are and the
 * XOR of a hash of each (who, whom, kind). Any added, removed or moved relation (a merge moves
 * them) changes it, whichever process or statement made the change. (150,000 relations: ~50 ms,
 * half of hashing their text.)
 */
async function fingerprintOf(tx: Tx): Promise<string> {
  const r = await sql<{ n: number; h: string }>`
    SELECT count(*)::int AS n,
           coalesce(bit_xor(uuid_hash_extended(member_id, 0)
                            # uuid_hash_extended(related_member_id, 1)
                            # hashtextextended(kind, 2)), 0)::text AS h
      FROM relations WHERE related_member_id IS NOT NULL`.execute(tx);
  return `${r.rows[0]!.n}:${r.rows[0]!.h}`;
}

/**
 * People brought in per level ([directly, by those, …]) for every introducer. Introductions
 * usually form a forest (each member brought in by one person): then one pass from the leaves
 * up adds each member's counts into their introducer's, one level down. Otherwise (someone
 * brought in by two people, or a loop in the data) a breadth-first walk from each introducer
 * counts each person once, at the nearest level.
 */
function introducedByLevel(intro: Graph): Map<string, number[]> {
  const levels = new Map<string, number[]>();
  const zero = () => Array<number>(LEVELS).fill(0);
  const forest = intro.everyNode((node) => intro.inDegree(node) <= 1);
  if (forest) {
    // Post-order from the roots: children before their introducer.
    const order: string[] = [];
    const stack = intro.filterNodes((node) => intro.inDegree(node) === 0);
    while (stack.length) {
      const node = stack.pop()!;
      order.push(node);
      for (const child of intro.outNeighbors(node)) stack.push(child);
    }
    if (order.length === intro.order) {
      for (let i = order.length - 1; i >= 0; i--) {
        const node = order[i]!;
        if (!intro.outDegree(node)) continue;
        const counts = zero();
        for (const child of intro.outNeighbors(node)) {
          counts[0]! += 1;
          const below = levels.get(child);
          if (below) for (let k = 1; k < LEVELS; k++) counts[k]! += below[k - 1]!;
        }
        levels.set(node, counts);
      }
      return levels;
    }
  }
  intro.forEachNode((node) => {
    if (!intro.outDegree(node)) return;
    const counts = zero();
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
  return levels;
}

/** PageRank over every relation, and people brought in per level, for every member with relations. */
type Rel = { member_id: string; related_member_id: string | null; kind: string };

/**
 * The relations and their fingerprint in a transaction of their own, released before the graph
 * work (seconds for a large business): no request holds a connection while it waits for that.
 * Should a relation change between the two reads, the ranking is kept under the older
 * fingerprint and the next request computes again; it is never kept under a wrong one for good.
 */
async function compute(ctx: AppContext, tenantId: string): Promise<Ranking> {
  const { fingerprint, rels } = await ctx.db.withTenant(tenantId, async (tx) => ({
    fingerprint: await fingerprintOf(tx),
    rels: await tx
      .selectFrom('relations')
      .select(['member_id', 'related_member_id', 'kind'])
      .where('related_member_id', 'is not', null)
      .execute(),
  }));
  return rank(rels, fingerprint, ctx.clock.now());
}

function rank(rels: Rel[], fingerprint: string, now: Date): Ranking {
  // Weights summed first, then each edge added once: merging edge by edge through graphology
  // took 7.7 s of 12 for 150,000 relations.
  const weights = new Map<string, number>();
  const bump = (from: string, to: string) => {
    const key = `${from} ${to}`;
    weights.set(key, (weights.get(key) ?? 0) + 1);
  };
  const web = new Graph({ type: 'directed', allowSelfLoops: false });
  const intro = new Graph({ type: 'directed', allowSelfLoops: false });
  const node = (g: Graph, id: string) => {
    if (!g.hasNode(id)) g.addNode(id);
  };
  for (const r of rels) {
    const other = r.related_member_id!;
    bump(r.member_id, other);
    if (r.kind === 'introduced_by') {
      node(intro, other);
      node(intro, r.member_id);
      if (!intro.hasEdge(other, r.member_id)) intro.addEdge(other, r.member_id);
    } else bump(other, r.member_id);
  }
  for (const [key, weight] of weights) {
    const [from, to] = key.split(' ') as [string, string];
    node(web, from);
    node(web, to);
    web.addEdge(from, to, { weight });
  }
  const rank = web.order ? pagerank(web, { getEdgeWeight: 'weight' }) : {};
  const levels = introducedByLevel(intro);
  const all = web.nodes().map((id) => {
    const l = levels.get(id) ?? Array<number>(LEVELS).fill(0);
    return {
      id,
      levels: l,
      total: l.reduce((s, n) => s + n, 0),
      centrality: rank[id] ?? 0,
      relations: 0,
    };
  });
  const byId = (a: Ranked, b: Ranked) => a.id.localeCompare(b.id);
  // Members related in any way: counted for the kept few only (a second of work for them all).
  const withRelations = (r: Ranked) => ({ ...r, relations: web.neighbors(r.id).length });
  return {
    fingerprint,
    computedAt: now,
    introduced: all
      .filter((x) => x.total > 0)
      .sort((a, b) => b.total - a.total || b.centrality - a.centrality || byId(a, b))
      .slice(0, KEEP)
      .map(withRelations),
    centrality: all
      .sort((a, b) => b.centrality - a.centrality || b.total - a.total || byId(a, b))
      .slice(0, KEEP)
      .map(withRelations),
  };
}

/**
 * Influence centers: members ranked by the people they brought in (introduced_by, directly
 * and through those people, per level) or by PageRank over every relation between members,
 * where an introduction points to the introducer and other relations point both ways. The graph
 * work is graphology's, done once per business for a given set of relations: each request checks
 * the relations' fingerprint and reuses the ranking while it holds (`computedAt` says since when).
 */
export async function influenceCenters(
  ctx: AppContext,
  auth: AuthContext,
  q: { by: 'introduced' | 'centrality'; limit: number },
) {
  const tenantId = auth.tenantId;
  const fingerprint = await ctx.db.withTenant(tenantId, fingerprintOf);
  let ranking = rankings.get(tenantId);
  // One computation per business at a time; those who ask meanwhile wait for it. One begun
  // before the relations this request saw is followed by one more.
  for (let tries = 0; ranking?.fingerprint !== fingerprint && tries < 2; tries++) {
    let pending = computing.get(tenantId);
    if (!pending) {
      pending = compute(ctx, tenantId).finally(() => computing.delete(tenantId));
      computing.set(tenantId, pending);
    }
    ranking = await pending;
    if (rankings.size >= MAX_TENANTS) rankings.clear();
    rankings.set(tenantId, ranking);
  }
  if (!ranking) throw new Error('influence: no ranking computed');
  const ranked = ranking[q.by];
  const names = ranked.length
    ? await ctx.db.withTenant(tenantId, (tx) =>
        tx
          .selectFrom('members')
          .select(['member_id', 'name', 'card_number'])
          .where(
            'member_id',
            'in',
            ranked.map((r) => r.id),
          )
          .where('status', '=', 'active')
          .execute(),
      )
    : [];
  const byId = new Map(names.map((n) => [n.member_id, n]));
  const items = ranked
    .filter((r) => byId.has(r.id))
    .slice(0, q.limit)
    .map((r) => ({
      memberId: r.id,
      cardNumber: byId.get(r.id)!.card_number,
      name: byId.get(r.id)!.name,
      introducedByLevel: r.levels,
      introducedTotal: r.total,
      relations: r.relations,
      centrality: r.centrality,
    }));
  return { items, computedAt: ranking.computedAt };
}
