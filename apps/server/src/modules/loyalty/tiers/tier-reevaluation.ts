import { decideTier, qualifyingWindow, retentionWindow } from '@regulars/core';
import type { TierReevaluation } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { spentBetween } from '../../members';
import { pointsEarnedByMembers } from '../points/earned-facts';
import { NIGHTLY_CRON, NIGHTLY_QUEUE, runRewardsNightly } from './nightly';
import { evaluateMemberTier } from './tier-evaluation';
import { activeTiers, readTierSettings, type TierRow, type TierSettingsRow } from './tier-store';

// Members with nothing to do are only read: a usual night writes a few rows, not a million.
const CHUNK = 2000;
export const REEVALUATE_QUEUE = 'tiers-reevaluate';
type Loaded = { settings: TierSettingsRow; tiers: TierRow[] };
type Held = { member_id: string; tier_id: string | null; since: Date; below_since: Date | null };

type Sorted = { change: Held[]; startGrace: string[]; clearGrace: string[] };

/**
 * What each member of a chunk needs. Over a rolling or calendar year the values of the whole
 * chunk (money spent, or points earned less returns) come from two set-based queries and the
 * pure rules decide: graces start and clear in one statement each, and only members whose tier
 * changes (history, event, perk) go through the exact, locked path of evaluateMemberTier — as
 * every member does over a since-change period.
 */
async function sortChunk(tx: Tx, held: Held[], loaded: Loaded, now: Date): Promise<Sorted> {
  const { settings, tiers } = loaded;
  const sorted: Sorted = { change: [], startGrace: [], clearGrace: [] };
  if (settings.window === 'since_change') return { ...sorted, change: held };
  const ids = held.map((h) => h.member_id);
  const valuesBetween = settings.basis === 'points' ? pointsEarnedByMembers : spentBetween;
  const win = qualifyingWindow(settings.window, now, settings.timeZone, now, settings.periodMonths);
  const values = await valuesBetween(tx, ids, win.from, win.to);
  const kept = retentionWindow(
    settings.window,
    now,
    settings.timeZone,
    now,
    settings.periodMonths,
  )!;
  const retained =
    settings.window === 'calendar_year' ? await valuesBetween(tx, ids, kept.from, kept.to) : null;
  for (const h of held) {
    const { action } = decideTier({
      tiers,
      currentTierId: h.tier_id,
      value: values.get(h.member_id) ?? 0,
      reevaluate: true,
      retainValue: retained?.get(h.member_id) ?? 0,
      belowSince: h.below_since,
      now,
      graceDays: settings.graceDays,
    });
    if (action === 'upgrade' || action === 'downgrade') sorted.change.push(h);
    else if (action === 'start_grace') sorted.startGrace.push(h.member_id);
    else if (action === 'clear_grace') sorted.clearGrace.push(h.member_id);
  }
  return sorted;
}

/**
 * The re-evaluation of one tenant (nightly, by the injectable clock): every member who holds a
 * tier — upgraded if they now reach a higher one, their grace started, cleared or ended. Runs in
 * chunks of members by id, each its own transaction; safe to run twice or concurrently, since
 * each change is decided under the member's lock and a finished grace is not started again.
 */
export async function runTierReevaluation(
  ctx: AppContext,
  tenantId: string,
): Promise<TierReevaluation> {
  const counts = { evaluated: 0, upgraded: 0, downgraded: 0, lapsed: 0, graceStarted: 0 };
  const now = ctx.clock.now();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const done = await ctx.db.withTenant(tenantId, async (tx) => {
      const loaded = { settings: await readTierSettings(tx), tiers: await activeTiers(tx) };
      const held = await tx
        .selectFrom('member_tiers')
        .select(['member_id', 'tier_id', 'since', 'below_since'])
        .where('status', '=', 'member')
        .where('member_id', '>', after)
        .orderBy('member_id')
        .limit(CHUNK)
        .execute();
      if (!held.length) return [];
      const sorted = await sortChunk(tx, held, loaded, now);
      // Guarded by what was read: a member changed meanwhile is left to the next night.
      const started = await sql`UPDATE member_tiers SET below_since = ${now}, evaluated_at = ${now},
          version = version + 1
        WHERE member_id = ANY(${sorted.startGrace}::uuid[]) AND below_since IS NULL`.execute(tx);
      counts.graceStarted += Number(started.numAffectedRows ?? 0);
      await sql`UPDATE member_tiers SET below_since = NULL, evaluated_at = ${now}, version = version + 1
        WHERE member_id = ANY(${sorted.clearGrace}::uuid[])`.execute(tx);
      for (const { member_id } of sorted.change) {
        const out = await evaluateMemberTier(ctx, tx, tenantId, member_id, {
          reevaluate: true,
          loaded,
        });
        if (out.decision === 'start_grace') counts.graceStarted++;
        if (out.change?.change === 'upgrade') counts.upgraded++;
        if (out.change?.change === 'downgrade') counts.downgraded++;
        if (out.change?.change === 'lapse') counts.lapsed++;
      }
      counts.evaluated += held.length;
      return held.map((m) => m.member_id);
    });
    if (done.length) after = done.at(-1)!;
    if (done.length < CHUNK) break;
  }
  return counts;
}

/** Upgrades happen at once: after a purchase or points earned, the member's tier is evaluated. */
export function setupTiers(ctx: AppContext): void {
  ctx.jobs.define(REEVALUATE_QUEUE, async (data) => {
    await runTierReevaluation(ctx, data.tenantId);
  });
  ctx.jobs.define(
    NIGHTLY_QUEUE,
    async () => {
      await runRewardsNightly(ctx);
    },
    { cron: NIGHTLY_CRON, batchSize: 1 },
  );
  ctx.events.subscribe({
    name: 'loyalty.tiers.upgrade',
    types: ['purchase.recorded', 'points.earned'],
    async handle(tx, event) {
      const memberId = event.payload.memberId;
      if (typeof memberId !== 'string') return;
      await evaluateMemberTier(ctx, tx, event.tenantId, memberId, { reevaluate: false });
    },
  });
}
