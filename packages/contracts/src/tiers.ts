import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';

export const TierBasis = z.enum(['points', 'spend']);
export const QualifyWindowKind = z.enum(['rolling_12m', 'calendar_year', 'since_change']);

/** How members qualify: points earned or money spent (minor units) within a window. */
export const TierSettings = z.object({
  basis: TierBasis,
  window: QualifyWindowKind,
  /** For 'since_change': months a member has to reach a threshold after their last change. */
  periodMonths: z.number().int(),
  /** Days below a tier's threshold before re-evaluation lowers it. */
  graceDays: z.number().int(),
  version: z.number().int(),
});
export type TierSettings = z.infer<typeof TierSettings>;
export const TierSettingsUpdate = z.strictObject({
  basis: TierBasis,
  window: QualifyWindowKind,
  periodMonths: z.number().int().min(1).max(60).default(12),
  graceDays: z.number().int().min(0).max(3650),
  version: Version,
});

export const Tier = z.object({
  tierId: Uuid,
  name: z.string(),
  /** Points, or minor units of money, within the window. */
  threshold: z.number().int(),
  pointsMultiplier: z.number(),
  /** 0.05 is 5 % off. */
  discountRate: z.number(),
  perks: z.string(),
  eventAccess: z.boolean(),
  perkRewardId: Uuid.nullable(),
  memberCount: z.number().int(),
  version: z.number().int(),
});
export type Tier = z.infer<typeof Tier>;
export const TierCreate = z.strictObject({
  name: z.string().trim().min(1).max(60),
  threshold: z.number().int().min(0).max(1e13),
  pointsMultiplier: z.number().min(0).max(100).default(1),
  discountRate: z.number().min(0).max(0.99).default(0),
  perks: z.string().max(2000).default(''),
  eventAccess: z.boolean().default(false),
  perkRewardId: Uuid.nullable().default(null),
});
export const TierUpdate = TierCreate.extend({ version: Version });

const TierRef = z.object({ tierId: Uuid, name: z.string(), threshold: z.number().int() });

/** A tier change caused by the write that returns it (a purchase at the till). */
export const TierChange = z.object({
  from: z.object({ tierId: Uuid, name: z.string() }).nullable(),
  to: z.object({ tierId: Uuid, name: z.string() }).nullable(),
  change: z.enum(['upgrade', 'downgrade', 'lapse']),
});
export type TierChange = z.infer<typeof TierChange>;

/** A member's tier, privileges and exact progress, in the window's unit (points or minor units). */
export const MemberTierStatus = z.object({
  memberId: Uuid,
  /** Greet by name whatever the status: a lapsed member is still a member of the house. */
  memberName: z.string(),
  status: z.enum(['none', 'member', 'former']),
  tier: Tier.omit({ memberCount: true, version: true }).nullable(),
  /** The tier held before it lapsed (for 'former'). */
  formerTier: TierRef.nullable(),
  since: IsoDateTime.nullable(),
  basis: TierBasis,
  window: QualifyWindowKind,
  windowFrom: IsoDateTime,
  value: z.number().int(),
  next: TierRef.nullable(),
  /** Still needed within the window to reach `next`. */
  toNext: z.number().int().nullable(),
  /** The last local day (YYYY-MM-DD) by which `toNext` must be reached; null for a rolling window. */
  by: z.string().nullable(),
  /** Still needed to keep the tier held. */
  toKeep: z.number().int(),
  /** The day re-evaluation may lower the tier, when the member is below it. */
  graceUntil: IsoDateTime.nullable(),
});
export type MemberTierStatus = z.infer<typeof MemberTierStatus>;

export const TierHistoryItem = z.object({
  at: IsoDateTime,
  change: z.enum(['upgrade', 'downgrade', 'lapse']),
  fromTier: z.string().nullable(),
  toTier: z.string().nullable(),
  value: z.number().int(),
});
export type TierHistoryItem = z.infer<typeof TierHistoryItem>;

export const TierReevaluation = z.object({
  evaluated: z.number().int(),
  upgraded: z.number().int(),
  downgraded: z.number().int(),
  lapsed: z.number().int(),
  graceStarted: z.number().int(),
});
export type TierReevaluation = z.infer<typeof TierReevaluation>;
