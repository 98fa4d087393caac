import { between, chance, pick, type Rand } from './demo-people';
import type { DemoMember, DemoRelation } from './demo-plan';

/** Influence centers: a few early regulars who brought many others, directly and through them. */
export function introductions(r: Rand, members: DemoMember[]): DemoRelation[] {
  const out: DemoRelation[] = [];
  const order = members
    .map((_, i) => i)
    .sort((a, b) => +members[a]!.joinedAt - +members[b]!.joinedAt);
  const rank = new Map(order.map((m, k) => [m, k]));
  const free = (after: number) => {
    const from = rank.get(after)! + 1;
    for (let tries = 0; tries < 40; tries++) {
      const cand = order[between(r, from, order.length - 1)];
      if (cand === undefined || from >= order.length) return null;
      const m = members[cand]!;
      if (m.introducedBy === null && m.source !== 'import' && cand !== after) return cand;
    }
    return null;
  };
  const bring = (introducer: number, n: number, depth: number) => {
    for (let k = 0; k < n; k++) {
      const who = free(introducer);
      if (who === null) return;
      const m = members[who]!;
      m.introducedBy = introducer;
      m.source = 'referral';
      out.push({ from: who, to: introducer, kind: 'introduced_by', note: '' });
      if (depth < 3 && (k === 0 || chance(r, 0.35))) bring(who, between(r, 1, 4), depth + 1);
    }
  };
  const early = order
    .filter((i) => members[i]!.segment !== 'once')
    .slice(0, Math.max(4, members.length / 20));
  const centers = Math.max(2, Math.round(members.length / 700));
  for (let c = 0; c < centers; c++) {
    const center = pick(r, early);
    if (members[center]!.introducedBy !== null) continue;
    bring(center, between(r, 6, Math.max(8, Math.round(members.length / 250))), 1);
  }
  return out;
}

/** Spouses, parents and children, friends and colleagues who come together. */
export function families(r: Rand, members: DemoMember[]): DemoRelation[] {
  const out: DemoRelation[] = [];
  const paired = new Set<number>();
  const both = (a: number, b: number, kind: string, back = kind, note = '') => {
    out.push({ from: a, to: b, kind, note }, { from: b, to: a, kind: back, note });
    paired.add(a).add(b);
  };
  const find = (test: (m: DemoMember, i: number) => boolean) => {
    for (let tries = 0; tries < 60; tries++) {
      const i = between(r, 0, members.length - 1);
      if (!paired.has(i) && test(members[i]!, i)) return i;
    }
    return null;
  };
  for (const [a, m] of members.entries()) {
    if (paired.has(a)) continue;
    const x = r();
    if (x < 0.04 && m.age >= 26 && m.gender !== 'unknown') {
      const b = find(
        (o, i) =>
          i !== a &&
          o.gender !== m.gender &&
          o.gender !== 'unknown' &&
          Math.abs(o.age - m.age) <= 6,
      );
      if (b !== null) both(a, b, 'spouse', 'spouse', '夫妻常一起來');
    } else if (x < 0.06 && m.age >= 45) {
      const c = find(
        (o, i) => i !== a && o.surname === m.surname && m.age - o.age >= 22 && m.age - o.age <= 35,
      );
      if (c !== null) both(c, a, 'parent', 'child');
    } else if (x < 0.09) {
      const b = find((o, i) => i !== a && Math.abs(o.age - m.age) <= 8);
      if (b !== null) both(a, b, 'friend');
    } else if (x < 0.1 && m.tags.includes('上班族')) {
      const b = find((o, i) => i !== a && o.tags.includes('上班族'));
      if (b !== null) both(a, b, 'colleague', 'colleague', '同公司，常一起聚餐');
    }
  }
  return out;
}
