import type { RuleAward } from '@regulars/contracts';
import { apportion, periodStart, type RuleAward as CoreAward } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import type { Program } from '../points/program';
import type { LoadedRule } from './rules-store';

type Limit = NonNullable<RuleAward['limitedBy']>;

const trim = (a: RuleAward, points: number, why: Limit): RuleAward => {
  if (points >= a.points) return a;
  const p = Math.max(points, 0);
  const split = apportion(
    p,
    a.lines.map((l) => l.points),
  );
  return {
    ...a,
    points: p,
    limitedBy: why,
    lines: a.lines.map((l, i) => ({ ...l, points: split[i]! })),
  };
};

async function awardedSince(tx: Tx, memberId: string, ruleId: string | null, since: Date | null) {
  const r = await sql<{ n: number }>`
    SELECT coalesce(sum(points), 0)::int AS n FROM points_rule_awards
    WHERE member_id = ${memberId} ${ruleId ? sql`AND rule_id = ${ruleId}` : sql``}
      ${since ? sql`AND occurred_at >= ${since}` : sql``}`.execute(tx);
  return r.rows[0]!.n;
}

/** Takes up to `want` from a budget (rule or programme) atomically; returns what was granted. */
async function takeBudget(tx: Tx, table: 'rule' | 'program', ruleId: string | null, want: number) {
  const r =
    table === 'rule'
      ? await sql<{ granted: number }>`
          WITH cur AS (SELECT budget_points, awarded_points FROM earning_rules WHERE rule_id = ${ruleId} FOR UPDATE)
          UPDATE earning_rules r SET awarded_points = r.awarded_points + greatest(0, least(${want}::int, cur.budget_points - cur.awarded_points))
          FROM cur WHERE r.rule_id = ${ruleId}
          RETURNING greatest(0, least(${want}::int, cur.budget_points - cur.awarded_points)) AS granted`.execute(
          tx,
        )
      : await sql<{ granted: number }>`
          WITH cur AS (SELECT budget_points, awarded_points FROM loyalty_programs FOR UPDATE)
          UPDATE loyalty_programs p SET awarded_points = p.awarded_points + greatest(0, least(${want}::int, cur.budget_points - cur.awarded_points))
          FROM cur RETURNING greatest(0, least(${want}::int, cur.budget_points - cur.awarded_points)) AS granted`.execute(
          tx,
        );
  return r.rows[0]?.granted ?? want;
}

/**
 * Applies, in order, each rule's per-member cap, the programme's per-member cap, each rule's
 * budget and the programme's budget. With `write`, budgets are taken (the caller then records
 * the points); without, they are only read (the preview).
 */
export async function limitAwards(
  tx: Tx,
  program: Program,
  rules: LoadedRule[],
  raw: CoreAward[],
  memberId: string | null,
  at: Date,
  write: boolean,
): Promise<RuleAward[]> {
  const byId = new Map(rules.map((r) => [r.ruleId, r]));
  let awards: RuleAward[] = raw.map((a) => ({ ...a, limitedBy: null }));
  if (memberId) {
    const capped: RuleAward[] = [];
    for (const a of awards) {
      const rule = byId.get(a.ruleId)!;
      if (!rule.capPerMember) {
        capped.push(a);
        continue;
      }
      const since = periodStart(at, rule.capPeriod, program.timeZone);
      const used = await awardedSince(tx, memberId, a.ruleId, since);
      capped.push(trim(a, rule.capPerMember - used, 'rule_cap'));
    }
    awards = capped;
    if (program.memberCapPoints !== null) {
      const since = periodStart(at, program.memberCapPeriod, program.timeZone);
      let left = program.memberCapPoints - (await awardedSince(tx, memberId, null, since));
      awards = awards.map((a) => {
        const t = trim(a, left, 'member_cap');
        left -= t.points;
        return t;
      });
    }
  }
  const out: RuleAward[] = [];
  for (const a of awards) {
    const rule = byId.get(a.ruleId)!;
    if (rule.budgetPoints === null || a.points <= 0) {
      out.push(a);
      continue;
    }
    const granted = write
      ? await takeBudget(tx, 'rule', a.ruleId, a.points)
      : Math.max(0, rule.budgetPoints - (await ruleAwarded(tx, a.ruleId)));
    out.push(trim(a, granted, 'rule_budget'));
  }
  if (program.budgetPoints === null) return out.filter((a) => a.points > 0);
  const want = out.reduce((s, a) => s + a.points, 0);
  let left = write
    ? want > 0
      ? await takeBudget(tx, 'program', null, want)
      : 0
    : Math.max(0, program.budgetPoints - program.awardedPoints);
  const final = out.map((a) => {
    const t = trim(a, left, 'program_budget');
    left -= t.points;
    return t;
  });
  // A rule budget taken for points the programme's budget then refused is given back.
  if (write)
    await giveBack(
      tx,
      byId,
      out.map((a, i) => ({ ruleId: a.ruleId, points: a.points - final[i]!.points })),
    );
  return final.filter((a) => a.points > 0);
}

async function giveBack(
  tx: Tx,
  byId: Map<string, LoadedRule>,
  awards: { ruleId: string; points: number }[],
) {
  for (const a of awards)
    if (a.points > 0 && byId.get(a.ruleId)?.budgetPoints != null)
      await sql`UPDATE earning_rules SET awarded_points = awarded_points - ${a.points} WHERE rule_id = ${a.ruleId}`.execute(
        tx,
      );
}

/**
 * Gives back the budgets limitAwards took for `awards` (with `write`) when their points were
 * not recorded after all: the rules' budgets and the programme's.
 */
export async function returnBudgets(
  tx: Tx,
  program: Program,
  rules: LoadedRule[],
  awards: { ruleId: string; points: number }[],
): Promise<void> {
  await giveBack(tx, new Map(rules.map((r) => [r.ruleId, r])), awards);
  const total = awards.reduce((s, a) => s + a.points, 0);
  if (program.budgetPoints !== null && total > 0)
    await sql`UPDATE loyalty_programs SET awarded_points = awarded_points - ${total}`.execute(tx);
}

async function ruleAwarded(tx: Tx, ruleId: string) {
  const r = await tx
    .selectFrom('earning_rules')
    .select('awarded_points')
    .where('rule_id', '=', ruleId)
    .executeTakeFirst();
  return r?.awarded_points ?? 0;
}
