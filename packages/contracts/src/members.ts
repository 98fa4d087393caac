import { z } from 'zod';
import { IsoDateTime, Language, Uuid, Version } from './common';

export const Gender = z.enum(['female', 'male', 'other', 'unknown']);
export const Channel = z.enum(['sms', 'email', 'line', 'wechat', 'app']);
export type Channel = z.infer<typeof Channel>;
export const ContactChannel = z.enum(['sms', 'email', 'line', 'wechat', 'app', 'phone']);
export const MemberSource = z.enum([
  'staff',
  'import',
  'portal',
  'pos',
  'third_party',
  'referral',
  'api',
]);
export type MemberSource = z.infer<typeof MemberSource>;
/** A calendar date between 1900 and 2100 (what a person's dates can be). */
const IsoDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'expected a date between 1900 and 2100');
const Tag = z.string().trim().min(1).max(40);

export const CustomFieldType = z.enum(['text', 'number', 'date', 'boolean', 'choice', 'choices']);
export const CustomField = z.object({
  key: z.string(),
  label: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
  type: CustomFieldType,
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  required: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type CustomField = z.infer<typeof CustomField>;
export const CustomFieldCreate = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'use lower-case letters, digits and _'),
  label: z.strictObject({
    'zh-CN': z.string().trim().min(1).max(60),
    'zh-TW': z.string().trim().min(1).max(60),
    en: z.string().trim().min(1).max(60),
  }),
  type: CustomFieldType,
  options: z
    .array(
      z.strictObject({
        value: z.string().trim().min(1).max(60),
        label: z.string().trim().min(1).max(60),
      }),
    )
    .max(200)
    .default([]),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(1000).default(0),
});
export const CustomFieldUpdate = CustomFieldCreate.omit({ key: true, type: true }).extend({
  active: z.boolean(),
  version: Version,
});

export const CustomValue = z.union([
  z.string().max(2000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(60)).max(200),
  z.null(),
]);

const memberFields = {
  name: z.string().trim().min(1).max(100),
  gender: Gender.default('unknown'),
  birthday: IsoDate.nullable().default(null),
  /** Any format: 0912-345-678, +886 912 345 678, full-width digits; stored as E.164. */
  phone: z.string().max(40).nullable().default(null),
  otherPhones: z.array(z.string().max(40)).max(5).default([]),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).nullable().default(null),
  address: z.string().trim().max(300).default(''),
  preferredChannel: ContactChannel.nullable().default(null),
  language: Language.nullable().default(null),
  timeZone: z.string().max(60).nullable().default(null),
  homeStoreId: Uuid.nullable().default(null),
  externalId: z.string().trim().min(1).max(100).nullable().default(null),
  tags: z.array(Tag).max(100).default([]),
  custom: z.record(z.string(), CustomValue).default({}),
};

export const MemberCreate = z.strictObject({
  ...memberFields,
  /** Consent given at sign-up, per channel. */
  consents: z.partialRecord(Channel, z.boolean()).default({}),
});
export type MemberCreate = z.infer<typeof MemberCreate>;

/** A partial change, based on the version the editor read. */
export const MemberUpdate = z.strictObject({
  name: memberFields.name.optional(),
  gender: Gender.optional(),
  birthday: IsoDate.nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  otherPhones: z.array(z.string().max(40)).max(5).optional(),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).nullable().optional(),
  address: z.string().trim().max(300).optional(),
  preferredChannel: ContactChannel.nullable().optional(),
  language: Language.nullable().optional(),
  timeZone: z.string().max(60).nullable().optional(),
  homeStoreId: Uuid.nullable().optional(),
  externalId: z.string().trim().min(1).max(100).nullable().optional(),
  tags: z.array(Tag).max(100).optional(),
  custom: z.record(z.string(), CustomValue).optional(),
  version: Version,
});
export type MemberUpdate = z.infer<typeof MemberUpdate>;

export const Consent = z.object({ granted: z.boolean(), at: IsoDateTime, source: z.string() });
export const ConsentChange = z.strictObject({ granted: z.boolean() });

export const Member = z.object({
  memberId: Uuid,
  cardNumber: z.string(),
  name: z.string(),
  /** How staff greet the member: 王先生, 林小姐, Ms Lin. */
  addressAs: z.string(),
  gender: Gender,
  birthday: IsoDate.nullable(),
  /**
   * As staff of the business write it — national form for the business's country
   * (0912-345-678), with the country code otherwise (+86 138-0013-8000) — and masked the same
   * way (0912-***-678) unless the caller may view contact details and asked to.
   */
  phone: z.string().nullable(),
  otherPhones: z.array(z.string()),
  /** The numbers in E.164 (for tel: links), only when contact details are shown; else null / []. */
  phoneE164: z.string().nullable(),
  otherPhonesE164: z.array(z.string()),
  email: z.string().nullable(),
  address: z.string(),
  contactMasked: z.boolean(),
  preferredChannel: ContactChannel.nullable(),
  language: Language.nullable(),
  timeZone: z.string().nullable(),
  homeStoreId: Uuid.nullable(),
  externalId: z.string().nullable(),
  source: MemberSource,
  sourceRef: z.record(z.string(), z.unknown()),
  fieldSources: z.record(z.string(), z.object({ source: z.string(), at: z.string() })),
  consents: z.partialRecord(Channel, Consent),
  custom: z.record(z.string(), CustomValue),
  tags: z.array(z.string()),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Member = z.infer<typeof Member>;

export const MemberSearch = z.strictObject({
  /** Name (also pinyin and initials), phone in any format, email, card number or tag text. */
  q: z.string().trim().max(100).optional(),
  tag: z.union([Tag, z.array(Tag).max(20)]).optional(),
  homeStoreId: Uuid.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const MemberCard = z.object({
  cardNumber: z.string(),
  /** Signed payload for the card's QR code: cashiers scan it, nothing else is needed. */
  qr: z.string(),
});
