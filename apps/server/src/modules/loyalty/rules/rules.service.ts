import type { EarningRule, LoyaltyProgram, LoyaltyProgramUpdate } from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../../http/context';
import { recordAudit } from '../../../platform/audit';
import { versionedResult } from '../../../platform/versioned';
import { AppError } from '../../../http/errors';
import { readProgram } from '../points/program';
import { insertRule, toRule, updateRule, type RuleInput } from './rules-store';

const toProgram = (p: Awaited<ReturnType<typeof readProgram>>): LoyaltyProgram => ({
  enabled: p.enabled,
  expiryPolicy: p.expiryPolicy,
  expiryPeriod: p.expiryPeriod,
  returnWindowDays: p.returnWindowDays,
  allowNegativeBalance: p.allowNegativeBalance,
  budgetPoints: p.budgetPoints,
  awardedPoints: p.awardedPoints,
  memberCapPoints: p.memberCapPoints,
  memberCapPeriod: p.memberCapPeriod,
  version: p.version,
});

export const getProgram = (ctx: AppContext, auth: AuthContext) =>
  ctx.db.withTenant(auth.tenantId, async (tx) => toProgram(await readProgram(tx)));

/** Saves the programme's settings if `version` is the one read (0: never saved yet). */
export function saveProgram(
  ctx: AppContext,
  auth: AuthContext,
  input: z.infer<typeof LoyaltyProgramUpdate>,
): Promise<LoyaltyProgram> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = toProgram(await readProgram(tx));
    if (before.version !== input.version)
      throw new AppError('conflict.version', {}, { entity: 'loyalty_program' });
    const cols = {
      enabled: input.enabled,
      expiry_policy: input.expiryPolicy,
      expiry_period: input.expiryPeriod,
      return_window_days: input.returnWindowDays,
      allow_negative_balance: input.allowNegativeBalance,
      budget_points: input.budgetPoints,
      member_cap_points: input.memberCapPoints,
      member_cap_period: input.memberCapPeriod,
      updated_at: ctx.clock.now(),
    };
    const saved = await tx
      .insertInto('loyalty_programs')
      .values({ tenant_id: auth.tenantId, ...cols })
      .onConflict((oc) =>
        oc
          .column('tenant_id')
          .doUpdateSet((eb) => ({ ...cols, version: eb('loyalty_programs.version', '+', 1) }))
          .where('loyalty_programs.version', '=', input.version),
      )
      .returning('version')
      .executeTakeFirst();
    if (!saved) throw new AppError('conflict.version', {}, { entity: 'loyalty_program' });
    const after = toProgram(await readProgram(tx));
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'loyalty_program.updated',
      entityType: 'loyalty_program',
      before,
      after,
    });
    return after;
  });
}

/** Every rule with the points it has given so far. */
export const listRules = (ctx: AppContext, auth: AuthContext): Promise<EarningRule[]> =>
  ctx.db.withTenant(auth.tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('earning_rules')
      .selectAll()
      .orderBy('active', 'desc')
      .orderBy('created_at')
      .execute();
    const given = await sql<{ rule_id: string; n: number }>`
      SELECT rule_id, sum(points)::int AS n FROM points_rule_awards GROUP BY rule_id`.execute(tx);
    const by = new Map(given.rows.map((g) => [g.rule_id, g.n]));
    return rows.map((r) => ({ ...toRule(r), awardedPoints: by.get(r.rule_id) ?? 0 }));
  });

export function saveRule(
  ctx: AppContext,
  auth: AuthContext,
  ruleId: string | null,
  input: RuleInput & { version?: number },
): Promise<EarningRule> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const now = ctx.clock.now();
    const before = ruleId
      ? await tx
          .selectFrom('earning_rules')
          .selectAll()
          .where('rule_id', '=', ruleId)
          .executeTakeFirst()
      : undefined;
    const row = ruleId
      ? await versionedResult(
          await updateRule(tx, ruleId, { ...input, version: input.version ?? 0 }, now),
          async () => before,
          'earning_rule',
        )
      : await insertRule(tx, auth.tenantId, input, now);
    const saved = toRule(row);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: ruleId ? 'earning_rule.updated' : 'earning_rule.created',
      entityType: 'earning_rule',
      entityId: saved.ruleId,
      before: before ? toRule(before) : undefined,
      after: saved,
    });
    return saved;
  });
}
