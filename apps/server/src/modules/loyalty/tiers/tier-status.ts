import { justAfter, localDay, qualifyingWindow, tierProgress } from '@regulars/core';
import type { MemberTierStatus, TierHistoryItem } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../../http/context';
import { notFound } from '../../../http/errors';
import { memberNames } from '../../members';
import { activeTiers, qualifyingValue, readTierSettings } from './tier-store';

const EPOCH = new Date(0);
const ref = (t: { tierId: string; name: string; threshold: number } | null | undefined) =>
  t ? { tierId: t.tierId, name: t.name, threshold: t.threshold } : null;

/**
 * A member's tier, privileges and exact progress: how much more within the window reaches the
 * next tier and by which day, and how much keeps the current one. A lapsed member is 'former',
 * with the tier they held, and still greeted by name.
 */
export async function memberTierStatus(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
): Promise<MemberTierStatus> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const name = (await memberNames(tx, [memberId])).get(memberId);
    if (name === undefined) throw notFound('member');
    const settings = await readTierSettings(tx);
    const tiers = await activeTiers(tx);
    const row = await tx
      .selectFrom('member_tiers')
      .selectAll()
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    const now = ctx.clock.now();
    const window =
      settings.window === 'since_change' && !row
        ? { from: EPOCH, to: justAfter(now), deadline: null }
        : qualifyingWindow(
            settings.window,
            now,
            settings.timeZone,
            row?.since ?? EPOCH,
            settings.periodMonths,
          );
    const to = window.to.getTime() < now.getTime() ? window.to : justAfter(now);
    const value = await qualifyingValue(tx, settings.basis, memberId, window.from, to);
    const held = tiers.find((t) => t.tierId === row?.tier_id) ?? null;
    const progress = tierProgress(tiers, held?.tierId ?? null, value);
    let formerTier = null;
    if (row?.status === 'former') {
      const last = await tx
        .selectFrom('tier_history')
        .select('from_tier_id')
        .where('member_id', '=', memberId)
        .where('change', '=', 'lapse')
        .orderBy('at', 'desc')
        .executeTakeFirst();
      const t = await tx
        .selectFrom('tiers')
        .select(['tier_id', 'name', 'threshold'])
        .where('tier_id', '=', last?.from_tier_id ?? '00000000-0000-0000-0000-000000000000')
        .executeTakeFirst();
      formerTier = t ? { tierId: t.tier_id, name: t.name, threshold: Number(t.threshold) } : null;
    }
    return {
      memberId,
      memberName: name,
      status: row?.status ?? 'none',
      // The response schema leaves out the version.
      tier: held,
      formerTier,
      since: row?.since.toISOString() ?? null,
      basis: settings.basis,
      window: settings.window,
      windowFrom: window.from.toISOString(),
      value,
      next: ref(progress.next),
      toNext: progress.toNext,
      by: window.deadline
        ? localDay(new Date(window.deadline.getTime() - 1), settings.timeZone).date
        : null,
      toKeep: progress.toKeep,
      graceUntil: row?.below_since
        ? new Date(row.below_since.getTime() + settings.graceDays * 86_400_000).toISOString()
        : null,
    };
  });
}

export async function memberTierHistory(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
): Promise<TierHistoryItem[]> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    if (!(await memberNames(tx, [memberId])).size) throw notFound('member');
    const rows = await tx
      .selectFrom('tier_history as h')
      .leftJoin('tiers as f', (j) =>
        j.onRef('f.tenant_id', '=', 'h.tenant_id').onRef('f.tier_id', '=', 'h.from_tier_id'),
      )
      .leftJoin('tiers as t', (j) =>
        j.onRef('t.tenant_id', '=', 'h.tenant_id').onRef('t.tier_id', '=', 'h.to_tier_id'),
      )
      .select(['h.at', 'h.change', 'h.value', 'f.name as from_name', 't.name as to_name'])
      .where('h.member_id', '=', memberId)
      .orderBy('h.at', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      at: r.at.toISOString(),
      change: r.change,
      fromTier: r.from_name,
      toTier: r.to_name,
      value: Number(r.value),
    }));
  });
}
