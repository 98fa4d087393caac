export {
  apportion,
  evaluateActionRules,
  evaluateSpendRules,
  ruleApplies,
  type BasketLine,
  type EarningRule,
  type Occasion,
  type RuleAward,
} from './earning-rules';
export { localDay } from './local-time';
export { periodStart, pointsExpiry, type ExpiryPolicy, type ExpirySettings } from './points-expiry';
