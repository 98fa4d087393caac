import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';
import { Purchase, PurchaseLineInput } from './catalog';
import { Coupon } from './rewards';
import { TierChange } from './tiers';
import { timelineEntry } from './timeline';

const Points = z.number().int().min(1).max(100_000_000);
const Money = z.number().int().min(1).max(1e13);
const Day = z.iso.date();
const CapPeriod = z.enum(['day', 'month', 'year', 'lifetime']);
/** A caller's own id for a till operation: sending it twice applies it once. */
const ExternalId = z.string().trim().min(1).max(100);
const Reason = z.string().trim().min(1).max(500);

export const ExpiryPolicy = z.enum(['never', 'after_days', 'end_of_month', 'end_of_year']);

export const LoyaltyProgram = z.object({
  enabled: z.boolean(),
  expiryPolicy: ExpiryPolicy,
  /** Days for after_days; for end of month/year, how many months/years after earning. */
  expiryPeriod: z.number().int().min(0).max(36_500),
  returnWindowDays: z.number().int().min(0).max(365),
  allowNegativeBalance: z.boolean(),
  budgetPoints: z.number().int().min(0).nullable(),
  awardedPoints: z.number().int(),
  memberCapPoints: z.number().int().min(1).nullable(),
  memberCapPeriod: CapPeriod,
  version: z.number().int().min(0),
});
export type LoyaltyProgram = z.infer<typeof LoyaltyProgram>;
export const LoyaltyProgramUpdate = LoyaltyProgram.omit({ awardedPoints: true, version: true })
  .extend({ version: z.number().int().min(0).max(2_147_483_647) })
  .strict();

const ActionKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');
/** Built-in actions; any other key is a custom action reported through the API. */
export const BUILT_IN_ACTIONS = [
  'sign_up',
  'profile_completed',
  'check_in',
  'referral',
  'event_attended',
] as const;

const RuleFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['spend', 'action']),
  action: ActionKey.nullable().default(null),
  points: Points,
  /** Spending rules: `points` per this much money (minor units). */
  perAmountMinor: Money.nullable().default(null),
  storeIds: z.array(Uuid).max(200).default([]),
  productIds: z.array(Uuid).max(1000).default([]),
  categoryIds: z.array(Uuid).max(200).default([]),
  /** ISO weekdays, 1 = Monday; empty: every day. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
  startsOn: Day.nullable().default(null),
  endsOn: Day.nullable().default(null),
  applyTierMultiplier: z.boolean().default(true),
  capPerMember: Points.nullable().default(null),
  capPeriod: CapPeriod.default('day'),
  budgetPoints: z.number().int().min(0).max(2_000_000_000).nullable().default(null),
  active: z.boolean().default(true),
};
export const EarningRuleCreate = z.strictObject(RuleFields);
export const EarningRuleUpdate = z.strictObject({ ...RuleFields, version: Version });
export const EarningRule = z.object({
  ...RuleFields,
  ruleId: Uuid,
  awardedPoints: z.number().int(),
  version: z.number().int(),
});
export type EarningRule = z.infer<typeof EarningRule>;

/** How a rule's points came about: shown with every entry and in the preview. */
export const RuleAward = z.object({
  ruleId: Uuid,
  name: z.string(),
  base: z.number().int(),
  multiplier: z.number(),
  points: z.number().int(),
  /** Why fewer points than the rule gives: a cap or a budget. */
  limitedBy: z.enum(['rule_cap', 'member_cap', 'rule_budget', 'program_budget']).nullable(),
  lines: z.array(z.object({ lineNo: z.number().int(), points: z.number().int() })),
});
export type RuleAward = z.infer<typeof RuleAward>;

export const PointsBalance = z.object({
  available: z.number().int(),
  pending: z.number().int(),
  expiringSoon: z.array(z.object({ points: z.number().int(), at: IsoDateTime })),
});
export type PointsBalance = z.infer<typeof PointsBalance>;

export const PointsEntry = z.object({
  entryId: Uuid,
  kind: z.enum(['earn', 'confirm', 'spend', 'reverse', 'expire', 'adjust', 'clawback']),
  points: z.number().int(),
  pendingPoints: z.number().int(),
  reason: z.string(),
  source: z.string(),
  sourceRef: z.string(),
  actorType: z.string(),
  actorId: Uuid.nullable(),
  awards: z.array(RuleAward),
  balanceAfter: z.number().int(),
  occurredAt: IsoDateTime,
});
export type PointsEntry = z.infer<typeof PointsEntry>;

export const PointsBatch = z.object({
  batchId: Uuid,
  status: z.enum(['pending', 'active', 'expired', 'void']),
  earned: z.number().int(),
  remaining: z.number().int(),
  confirmAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});

export const MemberPoints = PointsBalance.extend({ batches: z.array(PointsBatch) });
export type MemberPoints = z.infer<typeof MemberPoints>;

export const PointsAdjustment = z.strictObject({
  /** Positive adds points, negative takes them away (never below zero). */
  points: z.number().int().min(-100_000_000).max(100_000_000),
  reason: Reason,
});

export const EarnedPoints = z.object({
  entryId: Uuid.nullable(),
  points: z.number().int(),
  pending: z.boolean(),
  awards: z.array(RuleAward),
});
export type EarnedPoints = z.infer<typeof EarnedPoints>;

export const EarningPreviewRequest = z.strictObject({
  memberId: Uuid.optional(),
  storeId: Uuid.nullable().default(null),
  occurredAt: IsoDateTime.optional(),
  lines: z.array(PurchaseLineInput).min(1).max(500),
  totalMinor: z.number().int().min(0).max(1e13).optional(),
});
export const EarningPreview = z.object({ points: z.number().int(), awards: z.array(RuleAward) });

export const ActionReport = z.strictObject({
  memberId: Uuid,
  action: ActionKey,
  /** Identifies the occurrence (a review id, an event id); check-ins default to the day. */
  ref: z.string().trim().min(1).max(100).optional(),
  storeId: Uuid.nullable().default(null),
});

export const PosPurchaseRequest = z.strictObject({
  memberId: Uuid,
  storeId: Uuid.nullable().default(null),
  externalId: ExternalId,
  occurredAt: IsoDateTime.optional(),
  lines: z.array(PurchaseLineInput).min(1).max(500),
  totalMinor: z.number().int().min(0).max(1e13).optional(),
});
export const PosPurchaseResult = z.object({
  purchase: Purchase,
  earned: EarnedPoints,
  balance: PointsBalance,
  /** The tier the purchase lifted the member to (null when it stayed). */
  tierChange: TierChange.nullable(),
  /** Coupons the member can use now (including any the purchase gave), soonest to lapse first. */
  coupons: z.array(Coupon),
});

export const PosReturnRequest = z.strictObject({
  /** The purchase's id, or the external id it was recorded with. */
  purchaseId: Uuid.optional(),
  purchaseExternalId: ExternalId.optional(),
  externalId: ExternalId,
  /** Lines and quantities taken back; omitted: the whole purchase. */
  lines: z
    .array(z.strictObject({ lineNo: z.number().int().min(1), quantity: z.number().positive() }))
    .min(1)
    .max(500)
    .optional(),
});
export const PosReturnResult = z.object({
  returnId: Uuid,
  purchaseId: Uuid,
  amountMinor: z.number().int(),
  pointsTakenBack: z.number().int(),
  balance: PointsBalance,
});

export const PosPointsSpend = z.strictObject({
  memberId: Uuid,
  points: Points,
  externalId: ExternalId,
  reason: Reason.default('till'),
});
export const PointsMovement = z.object({ entryId: Uuid, balance: PointsBalance });

export const StoredValueOperation = z.strictObject({
  memberId: Uuid,
  amountMinor: Money,
  externalId: ExternalId,
  storeId: Uuid.nullable().default(null),
  reason: z.string().trim().max(500).default(''),
});
export const StoredValueRefund = z.strictObject({
  /** The external id of the stored-value payment given back. */
  spendExternalId: ExternalId,
  amountMinor: Money,
  externalId: ExternalId,
  reason: z.string().trim().max(500).default(''),
});
export const StoredValueEntry = z.object({
  entryId: Uuid,
  kind: z.enum(['top_up', 'spend', 'refund']),
  amountMinor: z.number().int(),
  balanceAfterMinor: z.number().int(),
  externalId: z.string(),
  storeId: Uuid.nullable(),
  reason: z.string(),
  occurredAt: IsoDateTime,
});
export const StoredValueAccount = z.object({
  balanceMinor: z.number().int(),
  entries: z.array(StoredValueEntry),
});
export type StoredValueAccount = z.infer<typeof StoredValueAccount>;
export const StoredValueResult = z.object({
  entry: StoredValueEntry,
  balanceMinor: z.number().int(),
});

/** A movement of points on the member's timeline (registered by the loyalty room). */
export const PointsTimelineEntry = timelineEntry('points', {
  entryKind: PointsEntry.shape.kind,
  points: z.number().int(),
  pendingPoints: z.number().int(),
  reason: z.string(),
  balanceAfter: z.number().int(),
  /** Names of the rules that gave the points. */
  rules: z.array(z.string()),
});
export type PointsTimelineEntry = z.infer<typeof PointsTimelineEntry>;
