import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { SWEEP_CRON, SWEEP_QUEUE, sweepLoyalty } from './points/maintenance';
import { registerPointsRoutes } from './points/points.routes';
import { registerPointsTimeline } from './points/timeline';
import { registerPosRoutes } from './pos/pos.routes';
import { earnForAction, earnForPurchase } from './rules/earning';
import { registerRuleRoutes } from './rules/rules.routes';
import { registerMissionRoutes, setupMissions } from './missions/missions.routes';
import { registerRewardRoutes } from './rewards/rewards.routes';
import { setupTiers } from './tiers/tier-reevaluation';
import { registerTierRoutes } from './tiers/tiers.routes';
import { registerLoyaltyVariables } from './variables';

/**
 * Loyalty: the points ledger (batches, pending points, expiry, adjustments), earning rules and
 * their preview, returns that take points back, stored value (儲值) and the till (POS) API;
 * tiers, rewards and coupons, missions and badges build on the ledger.
 */
export function setupLoyalty(ctx: AppContext): void {
  registerPointsTimeline();
  registerLoyaltyVariables(ctx);
  // Purchases recorded anywhere (import, API, the till) earn once: the till already did it in
  // its own transaction, so this finds the entry and changes nothing.
  ctx.events.subscribe({
    name: 'loyalty.purchase-points',
    types: ['purchase.recorded'],
    handle: async (tx, e) => {
      await earnForPurchase(ctx, tx, e.tenantId, String(e.payload.purchaseId));
    },
  });
  ctx.events.subscribe({
    name: 'loyalty.sign-up-points',
    types: ['member.created'],
    handle: async (tx, e) => {
      const memberId = String(e.payload.memberId);
      await earnForAction(ctx, tx, { tenantId: e.tenantId, memberId, action: 'sign_up' });
    },
  });
  ctx.jobs.define(
    SWEEP_QUEUE,
    async () => {
      await sweepLoyalty(ctx);
    },
    { cron: SWEEP_CRON, batchSize: 1 },
  );
  setupTiers(ctx);
  setupMissions(ctx);
}

export function registerLoyaltyRoutes(api: Api): void {
  registerRuleRoutes(api);
  registerPointsRoutes(api);
  registerPosRoutes(api);
  registerTierRoutes(api);
  registerRewardRoutes(api);
  registerMissionRoutes(api);
}

// What other modules (campaigns, portal, referrals) build on.
export {
  earnPoints,
  pointsBalance,
  pointsEarnedBetween,
  reversePoints,
  spendPoints,
  type EarnInput,
} from './points/ledger';
export { earnForAction } from './rules/earning';
export { runPointsMaintenance } from './points/expiry';
export { sweepLoyalty } from './points/maintenance';
export { tierPrivileges, type TierPrivileges } from './tiers/privileges';
export { evaluateMemberTier, type TierChange } from './tiers/tier-evaluation';
