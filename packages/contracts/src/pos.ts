import { z } from 'zod';
import { Uuid } from './common';
import { PointsBalance } from './loyalty';
import { Coupon } from './rewards';

/**
 * The till finds a member by exactly one of: a phone number in any format, the card number, or
 * the signed payload of the card's QR code (as scanned).
 */
export const PosMemberLookup = z
  .strictObject({
    phone: z.string().trim().min(1).max(40).optional(),
    card: z.string().trim().min(1).max(40).optional(),
    qr: z.string().trim().min(1).max(500).optional(),
  })
  .refine((q) => [q.phone, q.card, q.qr].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of phone, card or qr',
  });
export type PosMemberLookup = z.infer<typeof PosMemberLookup>;

/** What a cashier needs to serve the member in front of them — no more contact detail than that. */
export const PosMemberCard = z.object({
  memberId: Uuid,
  cardNumber: z.string(),
  name: z.string(),
  /** 王先生, 林小姐, Ms Lin. */
  addressAs: z.string(),
  /** Always masked at the till (0912-***-678). */
  phoneMasked: z.string().nullable(),
  tierStatus: z.enum(['none', 'member', 'former']),
  tier: z
    .object({
      tierId: Uuid,
      name: z.string(),
      discountRate: z.number(),
      pointsMultiplier: z.number(),
    })
    .nullable(),
  points: PointsBalance,
  storedValueMinor: z.number().int(),
  /** Coupons the member can use now, soonest to lapse first. */
  coupons: z.array(Coupon),
});
export type PosMemberCard = z.infer<typeof PosMemberCard>;
