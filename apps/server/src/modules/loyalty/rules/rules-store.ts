import { randomUUID } from 'node:crypto';
import type { EarningRule as RuleView } from '@regulars/contracts';
import type { EarningRule as CoreRule } from '@regulars/core';
import type { EarningRulesTable, Tx } from '@regulars/db';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { EarningRuleCreate } from '@regulars/contracts';
import { AppError } from '../../../http/errors';

type Row = Selectable<EarningRulesTable>;
export type RuleRow = Row;
export type RuleInput = z.infer<typeof EarningRuleCreate>;
export type LoadedRule = CoreRule & {
  capPerMember: number | null;
  capPeriod: 'day' | 'month' | 'year' | 'lifetime';
  budgetPoints: number | null;
};

export const toRule = (r: Row): RuleView => ({
  ruleId: r.rule_id,
  name: r.name,
  kind: r.kind,
  action: r.action,
  points: r.points,
  perAmountMinor: r.per_amount_minor === null ? null : Number(r.per_amount_minor),
  storeIds: r.store_ids,
  productIds: r.product_ids,
  categoryIds: r.category_ids,
  weekdays: r.weekdays,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  applyTierMultiplier: r.apply_tier_multiplier,
  capPerMember: r.cap_per_member,
  capPeriod: r.cap_period,
  budgetPoints: r.budget_points,
  awardedPoints: r.awarded_points,
  active: r.active,
  version: r.version,
});

/** The active rules of a kind, ready for the pure evaluation in core. */
export async function loadRules(tx: Tx, kind: 'spend' | 'action', action?: string) {
  let q = tx
    .selectFrom('earning_rules')
    .selectAll()
    .where('active', '=', true)
    .where('kind', '=', kind);
  if (action) q = q.where('action', '=', action);
  const rows = await q.orderBy('created_at').orderBy('name').orderBy('rule_id').execute();
  return rows.map(loadedRule);
}

/** A rule's row (or its `to_jsonb`, whose timestamps are text) ready for the evaluation. */
export const loadedRule = (r: RuleRow): LoadedRule => ({
  ...toRule(r),
  perAmountMinor: r.per_amount_minor === null ? null : Number(r.per_amount_minor),
});

/** Checks what the schema cannot: the fields a kind needs, and dates in order. */
function check(input: RuleInput) {
  if (input.kind === 'spend' && !input.perAmountMinor)
    throw new AppError(
      'rule.invalid',
      { reason: 'rule.spend_needs_amount' },
      { field: 'perAmountMinor' },
    );
  if (input.kind === 'action' && !input.action)
    throw new AppError('rule.invalid', { reason: 'rule.action_needs_action' }, { field: 'action' });
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn)
    throw new AppError('rule.invalid', { reason: 'rule.dates_reversed' }, { field: 'endsOn' });
}

const columns = (input: RuleInput) => ({
  name: input.name,
  kind: input.kind,
  action: input.kind === 'action' ? input.action : null,
  points: input.points,
  per_amount_minor: input.kind === 'spend' ? input.perAmountMinor : null,
  store_ids: [...new Set(input.storeIds)],
  product_ids: input.kind === 'spend' ? [...new Set(input.productIds)] : [],
  category_ids: input.kind === 'spend' ? [...new Set(input.categoryIds)] : [],
  weekdays: [...new Set(input.weekdays)].sort(),
  starts_on: input.startsOn,
  ends_on: input.endsOn,
  apply_tier_multiplier: input.applyTierMultiplier,
  cap_per_member: input.capPerMember,
  cap_period: input.capPeriod,
  budget_points: input.budgetPoints,
  active: input.active,
});

export async function insertRule(tx: Tx, tenantId: string, input: RuleInput, at: Date) {
  check(input);
  return tx
    .insertInto('earning_rules')
    .values({
      tenant_id: tenantId,
      rule_id: randomUUID(),
      ...columns(input),
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Saves a rule if `version` is still current; returns null when it is not (or no such rule). */
export async function updateRule(
  tx: Tx,
  ruleId: string,
  input: RuleInput & { version: number },
  at: Date,
) {
  check(input);
  return tx
    .updateTable('earning_rules')
    .set((eb) => ({ ...columns(input), version: eb('version', '+', 1), updated_at: at }))
    .where('rule_id', '=', ruleId)
    .where('version', '=', input.version)
    .returningAll()
    .executeTakeFirst();
}
