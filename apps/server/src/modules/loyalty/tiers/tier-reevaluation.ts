import type { TierReevaluation } from '@regulars/contracts';
import type { AppContext } from '../../../http/context';
import { NIGHTLY_QUEUE, runRewardsNightly } from './nightly';
import { evaluateMemberTier } from './tier-evaluation';
import { activeTiers, readTierSettings } from './tier-store';

const CHUNK = 500;
export const REEVALUATE_QUEUE = 'tiers-reevaluate';

/**
 * The re-evaluation of one tenant (nightly, by the injectable clock): every member who holds a
 * tier — upgraded if they now reach a higher one, their grace started, cleared or ended. Runs in
 * chunks of members by id, each its own transaction; safe to run twice or concurrently, since
 * each member is decided under a lock and a finished grace is not started again.
 */
export async function runTierReevaluation(
  ctx: AppContext,
  tenantId: string,
): Promise<TierReevaluation> {
  const counts = { evaluated: 0, upgraded: 0, downgraded: 0, lapsed: 0, graceStarted: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const done = await ctx.db.withTenant(tenantId, async (tx) => {
      const loaded = { settings: await readTierSettings(tx), tiers: await activeTiers(tx) };
      const members = await tx
        .selectFrom('member_tiers')
        .select('member_id')
        .where('status', '=', 'member')
        .where('member_id', '>', after)
        .orderBy('member_id')
        .limit(CHUNK)
        .execute();
      for (const { member_id } of members) {
        const out = await evaluateMemberTier(ctx, tx, tenantId, member_id, {
          reevaluate: true,
          loaded,
        });
        counts.evaluated++;
        if (out.decision === 'start_grace') counts.graceStarted++;
        if (out.change?.change === 'upgrade') counts.upgraded++;
        if (out.change?.change === 'downgrade') counts.downgraded++;
        if (out.change?.change === 'lapse') counts.lapsed++;
      }
      return members.map((m) => m.member_id);
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
  ctx.jobs.define(NIGHTLY_QUEUE, async () => {
    await runRewardsNightly(ctx);
  });
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
