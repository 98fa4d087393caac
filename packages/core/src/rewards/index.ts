export {
  addMonths,
  decideTier,
  qualifyingWindow,
  retentionWindow,
  tierFor,
  tierProgress,
  type QualifyWindow,
  type Span,
  type TierDecision,
  type TierProgress,
  type TierStep,
} from './tier-qualification';
export {
  CODE_ALPHABET,
  checkCharacter,
  formatCouponCode,
  newCouponCode,
  normalizeCouponCode,
} from './coupon-code';
export {
  ODDS_SCALE,
  applyDraw,
  oddsProblem,
  resolveDraw,
  type DrawOutcome,
  type GameBudget,
  type GamePrize,
} from './instant-win';
