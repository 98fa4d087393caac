import { randomUUID } from 'node:crypto';
import {
  decideTier,
  justAfter,
  qualifyingWindow,
  retentionWindow,
  type TierDecision,
} from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { issueCouponIfAvailable } from '../rewards/coupon-issue';
import {
  activeTiers,
  qualifyingValue,
  readTierSettings,
  type TierRow,
  type TierSettingsRow,
} from './tier-store';

export type TierChange = {
  memberId: string;
  change: 'upgrade' | 'downgrade' | 'lapse';
  fromTierId: string | null;
  toTierId: string | null;
  toTierName: string | null;
};
export type TierOutcome = { decision: TierDecision<TierRow>['action']; change: TierChange | null };

type Loaded = { settings: TierSettingsRow; tiers: TierRow[] };
const EPOCH = new Date(0);

/**
 * Evaluates one member's tier in the caller's transaction. Without `reevaluate` it only ever
 * raises the tier (a purchase or earned points: upgrade at once); with it, it also runs the
 * grace period and lowers or lapses the tier when it is over. Records `tier.changed` and the
 * history, and issues the new tier's perk coupon. The member's row is locked for the decision.
 */
export async function evaluateMemberTier(
  ctx: Pick<AppContext, 'clock' | 'events'>,
  tx: Tx,
  tenantId: string,
  memberId: string,
  opts: { reevaluate: boolean; loaded?: Loaded },
): Promise<TierOutcome> {
  const { settings, tiers } = opts.loaded ?? {
    settings: await readTierSettings(tx),
    tiers: await activeTiers(tx),
  };
  if (!tiers.length) return { decision: 'none', change: null };
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`tier:${memberId}`}))`.execute(tx);
  const row = await tx
    .selectFrom('member_tiers')
    .selectAll()
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  const now = ctx.clock.now();
  const current = row?.tier_id ?? null;
  const since = row?.since ?? EPOCH;
  const span =
    settings.window === 'since_change'
      ? { from: justAfter(since), to: justAfter(now) }
      : qualifyingWindow(settings.window, now, settings.timeZone, since, settings.periodMonths);
  const value = await qualifyingValue(tx, settings.basis, memberId, span.from, span.to);
  let retainValue = 0;
  let renewAt: Date | null = null;
  if (opts.reevaluate && current) {
    const kept = retentionWindow(
      settings.window,
      now,
      settings.timeZone,
      since,
      settings.periodMonths,
    )!;
    if (!kept.ended) retainValue = Number.MAX_SAFE_INTEGER;
    else if (settings.window !== 'rolling_12m') {
      retainValue = await qualifyingValue(tx, settings.basis, memberId, kept.from, kept.to);
      if (settings.window === 'since_change') renewAt = kept.to;
    }
  }
  const decision = decideTier({
    tiers,
    currentTierId: current,
    value: settings.window === 'since_change' && renewAt ? 0 : value,
    reevaluate: opts.reevaluate,
    retainValue,
    belowSince: row?.below_since ?? null,
    now,
    graceDays: settings.graceDays,
  });
  const evaluated = opts.reevaluate ? { evaluated_at: now } : {};
  const update = (set: Record<string, unknown>) =>
    tx
      .updateTable('member_tiers')
      .set({ ...evaluated, ...set, version: sql`version + 1` })
      .where('member_id', '=', memberId)
      .execute();
  switch (decision.action) {
    case 'upgrade':
    case 'downgrade': {
      const to = decision.tier;
      const change: TierChange['change'] =
        decision.action === 'upgrade' ? 'upgrade' : to ? 'downgrade' : 'lapse';
      const values = {
        tier_id: to?.tierId ?? null,
        status: to ? ('member' as const) : ('former' as const),
        since: now,
        below_since: null,
      };
      if (row) await update(values);
      else
        await tx
          .insertInto('member_tiers')
          .values({ tenant_id: tenantId, member_id: memberId, ...values, ...evaluated })
          .execute();
      await tx
        .insertInto('tier_history')
        .values({
          tenant_id: tenantId,
          history_id: randomUUID(),
          member_id: memberId,
          from_tier_id: current,
          to_tier_id: to?.tierId ?? null,
          change,
          value: decision.action === 'upgrade' ? value : Math.max(value, retainValue),
          window_from: span.from,
          window_to: span.to,
          at: now,
        })
        .execute();
      const from = tiers.find((t) => t.tierId === current) ?? null;
      await ctx.events.record(tx, tenantId, 'tier.changed', {
        memberId,
        change,
        fromTierId: current,
        fromTierName: from?.name ?? null,
        toTierId: to?.tierId ?? null,
        toTierName: to?.name ?? null,
        basis: settings.basis,
        value,
      });
      if (to?.perkRewardId && decision.action === 'upgrade')
        await issueCouponIfAvailable(ctx, tx, {
          tenantId,
          rewardId: to.perkRewardId,
          memberId,
          source: 'tier_perk',
          sourceRef: `tier:${to.tierId}:${now.toISOString()}`,
        });
      return {
        decision: decision.action,
        change: {
          memberId,
          change,
          fromTierId: current,
          toTierId: to?.tierId ?? null,
          toTierName: to?.name ?? null,
        },
      };
    }
    case 'start_grace':
      await update({ below_since: now });
      break;
    case 'clear_grace':
      await update({ below_since: null, ...(renewAt ? { since: renewAt } : {}) });
      break;
    default:
      if (row && opts.reevaluate) await update(renewAt ? { since: renewAt } : {});
  }
  return { decision: decision.action, change: null };
}
