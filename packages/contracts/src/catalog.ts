import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';

/** Money in minor units (cents, 分): whole numbers only, never floats. */
export const Minor = z.number().int().min(0).max(1e13);

export const Category = z.object({
  categoryId: Uuid,
  parentId: Uuid.nullable(),
  name: z.string(),
  path: z.array(Uuid),
  position: z.number().int(),
  version: z.number().int(),
});
export type Category = z.infer<typeof Category>;
export const CategoryCreate = z.strictObject({
  name: z.string().trim().min(1).max(80),
  parentId: Uuid.nullable().default(null),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const CategoryUpdate = CategoryCreate.extend({ version: Version });

export const Product = z.object({
  productId: Uuid,
  sku: z.string(),
  name: z.string(),
  priceMinor: z.number().int(),
  categoryId: Uuid.nullable(),
  tags: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTime,
});
export type Product = z.infer<typeof Product>;
export const ProductCreate = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  priceMinor: Minor,
  categoryId: Uuid.nullable().default(null),
  tags: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  active: z.boolean().default(true),
});
export const ProductUpdate = ProductCreate.partial().extend({ version: Version });
export const ProductSearch = z.strictObject({
  q: z.string().trim().max(100).optional(),
  categoryId: Uuid.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PurchaseLineInput = z.strictObject({
  /** A product of the catalog by SKU; unknown SKUs are kept as free text lines. */
  sku: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  quantity: z.number().positive().max(1e6).default(1),
  unitPriceMinor: Minor,
});
export const PurchaseCreate = z.strictObject({
  memberId: Uuid,
  storeId: Uuid.nullable().default(null),
  /** The POS's or shop's own id for the sale: sending it twice records it once. */
  externalId: z.string().trim().min(1).max(100).nullable().default(null),
  occurredAt: IsoDateTime.optional(),
  channel: z.enum(['pos', 'online', 'manual', 'api']).default('manual'),
  lines: z.array(PurchaseLineInput).min(1).max(500),
  /** The amount actually paid, if it differs from the sum of the lines (discounts). */
  totalMinor: Minor.optional(),
});
export const PurchaseLine = z.object({
  lineNo: z.number().int(),
  productId: Uuid.nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  quantity: z.number(),
  unitPriceMinor: z.number().int(),
  amountMinor: z.number().int(),
});
export const Purchase = z.object({
  purchaseId: Uuid,
  memberId: Uuid,
  storeId: Uuid.nullable(),
  externalId: z.string().nullable(),
  occurredAt: IsoDateTime,
  totalMinor: z.number().int(),
  channel: z.string(),
  lines: z.array(PurchaseLine),
});
export type Purchase = z.infer<typeof Purchase>;
