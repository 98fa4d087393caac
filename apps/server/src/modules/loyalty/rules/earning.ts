import type { EarnedPoints, RuleAward } from '@regulars/contracts';
import { evaluateActionRules, evaluateSpendRules, localDay, type BasketLine } from '@regulars/core';
import type { Tx } from '@regulars/db';
import { addEarning, type LedgerCtx } from '../points/ledger';
import { findEntry, lockBalance, type ActorRef, type Balance } from '../points/ledger-store';
import { defaultExpiry, readProgram, type Program } from '../points/program';
import { limitAwards, returnBudgets } from './limits';
import { readPurchaseEarning } from './purchase-earning-read';
import { loadRules, type LoadedRule } from './rules-store';
import { tierMultiplier } from './tier-multiplier';

const DAY = 86_400_000;
const NONE: EarnedPoints = { entryId: null, points: 0, pending: false, awards: [] };

/** What the earning entry of (source, ref) gave, if it was written already. */
async function earnedBefore(tx: Tx, memberId: string, source: string, ref: string) {
  const e = await findEntry(tx, memberId, 'earn', source, ref);
  if (!e) return null;
  const details = e.details as { awards?: RuleAward[] };
  return {
    entryId: e.entry_id,
    points: e.points + e.pending_points,
    pending: e.pending_points > 0,
    awards: details.awards ?? [],
  };
}

async function record(
  ctx: LedgerCtx,
  tx: Tx,
  w: ActorRef & {
    tenantId: string;
    memberId: string;
    awards: RuleAward[];
    reason: string;
    source: string;
    sourceRef: string;
    at: Date;
    expiresAt?: Date | null;
    pending?: { confirmAt: Date };
  },
  bal: Balance,
): Promise<EarnedPoints | null> {
  const points = w.awards.reduce((s, a) => s + a.points, 0);
  if (points <= 0) return { ...NONE, awards: w.awards };
  // The entry, its batch, the rules' awards (for caps) and the balance in one statement.
  const { entryId, created } = await addEarning(
    ctx,
    tx,
    {
      ...w,
      points,
      ruleId: w.awards.length === 1 ? w.awards[0]!.ruleId : null,
      details: { awards: w.awards },
    },
    bal,
  );
  if (!created) return null;
  return { entryId, points, pending: !!w.pending, awards: w.awards };
}

/**
 * Earns a recorded purchase's points by the spending rules, in the caller's transaction: once
 * per purchase (a second call returns the first result). Pending for the return window.
 */
export async function earnForPurchase(
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  purchaseId: string,
  actor: ActorRef = {},
): Promise<EarnedPoints> {
  const s = await readPurchaseEarning(tx, purchaseId);
  if (!s) return NONE;
  if (s.before) return s.before;
  const { facts, program, rules } = s;
  if (!program.enabled) return NONE;
  const now = ctx.clock.now();
  const raw = evaluateSpendRules(
    rules,
    facts.lines,
    { storeId: facts.storeId, ...s.day },
    s.multiplier,
  );
  const awards = await limitAwards(tx, program, rules, raw, facts.memberId, now, true);
  const confirmAt = new Date(facts.occurredAt.getTime() + program.returnWindowDays * DAY);
  const earned = await record(
    ctx,
    tx,
    {
      ...actor,
      tenantId,
      memberId: facts.memberId,
      awards,
      reason: 'purchase',
      source: 'purchase',
      sourceRef: purchaseId,
      at: now,
      expiresAt: defaultExpiry(program, facts.occurredAt),
      pending: confirmAt > now ? { confirmAt } : undefined,
    },
    s.balance!,
  );
  return (
    earned ??
    lostRace(tx, { ...facts, source: 'purchase', sourceRef: purchaseId, awards }, program, rules)
  );
}

/**
 * A concurrent earning of the same occurrence, which this one waited for at the member's lock,
 * wrote it first: the budgets this one took go back, and the first one's result stands.
 */
async function lostRace(
  tx: Tx,
  w: { memberId: string; source: string; sourceRef: string; awards: RuleAward[] },
  program: Program,
  rules: LoadedRule[],
): Promise<EarnedPoints> {
  await returnBudgets(tx, program, rules, w.awards);
  return (await earnedBefore(tx, w.memberId, w.source, w.sourceRef))!;
}

/**
 * Earns an action's points (sign-up, check-in, a review in the online shop…) once per
 * occurrence: `ref` names it; a daily check-in's occurrence is the local day.
 */
export async function earnForAction(
  ctx: LedgerCtx,
  tx: Tx,
  input: ActorRef & {
    tenantId: string;
    memberId: string;
    action: string;
    ref?: string;
    storeId?: string | null;
  },
): Promise<EarnedPoints> {
  const program = await readProgram(tx);
  const now = ctx.clock.now();
  const day = localDay(now, program.timeZone);
  const ref = `${input.action}:${input.ref ?? (input.action === 'check_in' ? day.date : 'once')}`;
  const bal = await lockBalance(tx, input.tenantId, input.memberId);
  const before = await earnedBefore(tx, input.memberId, 'action', ref);
  if (before) return before;
  if (!program.enabled) return NONE;
  const rules = await loadRules(tx, 'action', input.action);
  const raw = evaluateActionRules(
    rules,
    input.action,
    { storeId: input.storeId ?? null, ...day },
    await tierMultiplier(tx, input.memberId),
  );
  const awards = await limitAwards(tx, program, rules, raw, input.memberId, now, true);
  const w = { ...input, awards, reason: input.action, source: 'action', sourceRef: ref, at: now };
  return (await record(ctx, tx, w, bal)) ?? lostRace(tx, w, program, rules);
}

/** What a basket would earn, computed by the same rules and limits, writing nothing. */
export async function previewEarning(
  ctx: LedgerCtx,
  tx: Tx,
  input: {
    memberId: string | null;
    storeId: string | null;
    occurredAt?: string;
    lines: BasketLine[];
  },
) {
  const program = await readProgram(tx);
  if (!program.enabled) return { points: 0, awards: [] };
  const at = input.occurredAt ? new Date(input.occurredAt) : ctx.clock.now();
  const rules = await loadRules(tx, 'spend');
  const raw = evaluateSpendRules(
    rules,
    input.lines,
    { storeId: input.storeId, ...localDay(at, program.timeZone) },
    await tierMultiplier(tx, input.memberId),
  );
  const awards = await limitAwards(tx, program, rules, raw, input.memberId, ctx.clock.now(), false);
  return { points: awards.reduce((s, a) => s + a.points, 0), awards };
}
