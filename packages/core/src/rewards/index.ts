export {
  addMonths,
  decideTier,
  justAfter,
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
/** Calendar parts of an instant in a time zone (for birthdays and local days of streaks). */
export { localParts as calendarParts } from '../loyalty/local-time';
