import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { registerRewardRoutes } from './rewards/rewards.routes';
import { setupTiers } from './tiers/tier-reevaluation';
import { registerTierRoutes } from './tiers/tiers.routes';

/**
 * Loyalty: the points ledger (batches, pending points, expiry, adjustments), earning rules and
 * their preview, returns that take points back, stored value (儲值) and the till (POS) API;
 * tiers, rewards and coupons, missions and badges build on the ledger.
 */
export function setupLoyalty(ctx: AppContext): void {
  setupTiers(ctx);
}

export function registerLoyaltyRoutes(api: Api): void {
  registerTierRoutes(api);
  registerRewardRoutes(api);
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
export { tierPrivileges, type TierPrivileges } from './tiers/privileges';
export { evaluateMemberTier, type TierChange } from './tiers/tier-evaluation';
