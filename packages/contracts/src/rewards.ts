import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';
import { Minor } from './catalog';

export const RewardKind = z.enum(['fixed_amount', 'percent', 'free_item', 'gift', 'lottery_entry']);
export type RewardKind = z.infer<typeof RewardKind>;

export const Reward = z.object({
  rewardId: Uuid,
  kind: RewardKind,
  name: z.string(),
  description: z.string(),
  amountMinor: z.number().int().nullable(),
  percentOff: z.number().nullable(),
  itemName: z.string().nullable(),
  minSpendMinor: z.number().int(),
  costPoints: z.number().int(),
  /** Null: unlimited. */
  stockTotal: z.number().int().nullable(),
  stockLeft: z.number().int().nullable(),
  perMemberLimit: z.number().int().nullable(),
  validFrom: IsoDateTime.nullable(),
  validUntil: IsoDateTime.nullable(),
  couponValidDays: z.number().int(),
  /** Members may exchange points for it (otherwise it is only given by rules, bulk or games). */
  redeemable: z.boolean(),
  active: z.boolean(),
  issuedCount: z.number().int(),
  version: z.number().int(),
});
export type Reward = z.infer<typeof Reward>;

const RewardFields = z.strictObject({
  kind: RewardKind,
  name: z.string().trim().min(1).max(80),
  description: z.string().max(2000).default(''),
  amountMinor: Minor.min(1).nullable().default(null),
  percentOff: z.number().gt(0).max(100).nullable().default(null),
  itemName: z.string().trim().min(1).max(120).nullable().default(null),
  minSpendMinor: Minor.default(0),
  costPoints: z.number().int().min(0).max(100_000_000).default(0),
  stockTotal: z.number().int().min(0).max(100_000_000).nullable().default(null),
  perMemberLimit: z.number().int().min(1).max(10_000).nullable().default(null),
  validFrom: IsoDateTime.nullable().default(null),
  validUntil: IsoDateTime.nullable().default(null),
  couponValidDays: z.number().int().min(1).max(3660).default(30),
  redeemable: z.boolean().default(true),
  active: z.boolean().default(true),
});
const kindNeeds = (r: z.infer<typeof RewardFields>, ctx: z.RefinementCtx) => {
  const need = (field: 'amountMinor' | 'percentOff' | 'itemName', message: string) => {
    if (r[field] === null) ctx.addIssue({ code: 'custom', path: [field], message });
  };
  if (r.kind === 'fixed_amount') need('amountMinor', 'a fixed-amount reward needs amountMinor');
  if (r.kind === 'percent') need('percentOff', 'a percent reward needs percentOff');
  if (r.kind === 'free_item' || r.kind === 'gift')
    need('itemName', 'a free item or gift needs itemName');
  if (r.validFrom && r.validUntil && r.validUntil <= r.validFrom)
    ctx.addIssue({
      code: 'custom',
      path: ['validUntil'],
      message: 'validUntil must be after validFrom',
    });
};
export const RewardCreate = RewardFields.superRefine(kindNeeds);
export const RewardUpdate = RewardFields.extend({ version: Version }).superRefine(kindNeeds);

export const CouponStatus = z.enum(['issued', 'redeemed', 'void']);
export const CouponSource = z.enum([
  'redemption',
  'tier_perk',
  'birthday',
  'bulk',
  'game',
  'mission',
]);

export const Coupon = z.object({
  couponId: Uuid,
  /** In groups of four, as printed: ABCD-EFGH-JKMN-P. */
  code: z.string(),
  /** A signed payload for the QR code the till scans. */
  qr: z.string(),
  rewardId: Uuid,
  rewardName: z.string(),
  kind: RewardKind,
  amountMinor: z.number().int().nullable(),
  percentOff: z.number().nullable(),
  itemName: z.string().nullable(),
  minSpendMinor: z.number().int(),
  memberId: Uuid,
  memberName: z.string(),
  source: CouponSource,
  status: CouponStatus,
  /** 'issued' coupons past their validity show as expired. */
  usable: z.boolean(),
  pointsCost: z.number().int(),
  validFrom: IsoDateTime,
  validUntil: IsoDateTime,
  issuedAt: IsoDateTime,
  redeemedAt: IsoDateTime.nullable(),
  redeemedStoreId: Uuid.nullable(),
  redemptionRef: z.string().nullable(),
  voidedAt: IsoDateTime.nullable(),
  voidReason: z.string().nullable(),
  version: z.number().int(),
});
export type Coupon = z.infer<typeof Coupon>;

export const CouponSearch = z.strictObject({
  memberId: Uuid.optional(),
  rewardId: Uuid.optional(),
  status: CouponStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Exchange points for a reward on a member's behalf: one coupon, points spent in the same step. */
export const RewardRedeem = z.strictObject({ memberId: Uuid });
export const RewardRedeemed = z.object({ coupon: Coupon, pointsBalance: z.number().int() });

/** Issue a reward's coupon to a list of members; the batch reference makes a re-send issue nothing twice. */
export const CouponBulkIssue = z.strictObject({
  rewardId: Uuid,
  memberIds: z.array(Uuid).min(1).max(10_000),
  batchRef: z.string().trim().min(1).max(80),
});
export const CouponBulkIssued = z.object({
  issued: z.number().int(),
  skipped: z.number().int(),
  outOfStock: z.number().int(),
});

/** A coupon as typed (code) or scanned (qr), with the sale it is used on. */
export const CouponRedeem = z
  .strictObject({
    code: z.string().trim().min(1).max(40).optional(),
    qr: z.string().trim().min(1).max(300).optional(),
    /** The sale's total, to check a minimum spend (required then) and compute the discount. */
    basketMinor: Minor.optional(),
    /** The member the till is serving: another member's coupon is refused. */
    memberId: Uuid.optional(),
    /** The POS's reference of the sale. */
    purchaseRef: z.string().trim().min(1).max(100).optional(),
    storeId: Uuid.optional(),
  })
  .refine((b) => !!b.code !== !!b.qr, { message: 'send either code or qr', path: ['code'] });
export const CouponCheck = z.strictObject({
  code: z.string().trim().min(1).max(40).optional(),
  qr: z.string().trim().min(1).max(300).optional(),
});
export const CouponRedeemed = z.object({
  coupon: Coupon,
  /** The discount to apply to the sale, when it can be computed (fixed amount, percent of basket). */
  discountMinor: z.number().int().nullable(),
});
export const CouponVoid = z.strictObject({ reason: z.string().trim().min(1).max(300) });

export const BirthdayRule = z.object({ rewardId: Uuid.nullable(), active: z.boolean() });
export const BirthdayRuleUpdate = z.strictObject({
  rewardId: Uuid.nullable(),
  active: z.boolean(),
});
export const BirthdayRun = z.object({ issued: z.number().int() });
