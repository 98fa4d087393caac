import { z } from 'zod';
import { IsoDateTime, Language, Uuid, Version } from './common';
import { Permission, SystemRoleKey } from './permissions';

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');
const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as Asia/Taipei' },
);
const Name = z.string().trim().min(1).max(120);
export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
/** At least 10 characters: long enough to resist guessing, short enough to type at a counter. */
export const Password = z.string().min(10).max(200);
export const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, 'use 3–40 letters, digits or hyphens');

export const TenantSettings = z.object({
  tenantId: Uuid,
  slug: z.string(),
  name: z.string(),
  defaultLanguage: Language,
  timeZone: z.string(),
  currency: z.string(),
  phoneCountry: z.string(),
  rocDates: z.boolean(),
  quietHoursStart: z.string(),
  quietHoursEnd: z.string(),
  brandColor: z.string(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

export const TenantSettingsUpdate = z.strictObject({
  name: Name,
  defaultLanguage: Language,
  timeZone: TimeZone,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as TWD'),
  phoneCountry: z.string().regex(/^[A-Z]{2}$/, 'expected a country code such as TW'),
  rocDates: z.boolean(),
  quietHoursStart: TimeOfDay,
  quietHoursEnd: TimeOfDay,
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as #c0392b'),
  version: Version,
});

export const Store = z.object({
  storeId: Uuid,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  timeZone: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Store = z.infer<typeof Store>;

export const StoreCreate = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/, 'use 1–20 letters, digits, - or _'),
  name: Name,
  address: z.string().trim().max(300).default(''),
  phone: z.string().trim().max(40).default(''),
  timeZone: TimeZone.nullable().default(null),
  active: z.boolean().default(true),
});
export const StoreUpdate = StoreCreate.extend({ version: Version });

export const Role = z.object({
  roleId: Uuid,
  systemKey: SystemRoleKey.nullable(),
  name: z.string(),
  permissions: z.array(Permission),
  staffCount: z.number().int(),
  version: z.number().int(),
});
export type Role = z.infer<typeof Role>;
export const RoleCreate = z.strictObject({
  name: Name,
  permissions: z.array(Permission).max(100),
});
export const RoleUpdate = RoleCreate.extend({ version: Version });

export const Staff = z.object({
  staffId: Uuid,
  email: z.string(),
  name: z.string(),
  roleId: Uuid,
  storeIds: z.array(Uuid).nullable(),
  phoneExtension: z.string().nullable(),
  language: Language.nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lastSignInAt: IsoDateTime.nullable(),
  version: z.number().int(),
});
export type Staff = z.infer<typeof Staff>;
const StaffFields = {
  name: Name,
  email: Email,
  roleId: Uuid,
  storeIds: z.array(Uuid).max(500).nullable().default(null),
  phoneExtension: z.string().trim().max(20).nullable().default(null),
  language: Language.nullable().default(null),
};
export const StaffCreate = z.strictObject({ ...StaffFields, password: Password });
/** A full replacement: every field is sent (a missing one is an error, never a silent clear). */
export const StaffUpdate = z.strictObject({
  name: Name,
  email: Email,
  roleId: Uuid,
  storeIds: z.array(Uuid).max(500).nullable(),
  phoneExtension: z.string().trim().max(20).nullable(),
  language: Language.nullable(),
  active: z.boolean(),
  /** Set a new password (an administrator's reset); leave out to keep the current one. */
  password: Password.optional(),
  /** Clears a lock-out after repeated failed sign-ins. */
  unlock: z.boolean().optional(),
  version: Version,
});

export const ApiKey = z.object({
  apiKeyId: Uuid,
  prefix: z.string(),
  name: z.string(),
  storeId: Uuid.nullable(),
  permissions: z.array(Permission),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export const ApiKeyCreate = z.strictObject({
  name: Name,
  storeId: Uuid.nullable().default(null),
  permissions: z.array(Permission).min(1).max(100),
});
/** The secret is shown once, at creation; only its hash is kept. */
export const ApiKeyCreated = z.object({ apiKey: ApiKey, secret: z.string() });

export const AuditEntry = z.object({
  auditId: z.string(),
  at: IsoDateTime,
  actorType: z.enum(['staff', 'api_key', 'system', 'member']),
  actorId: Uuid.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'expected the nextCursor of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorId: Uuid.optional(),
  action: z.string().max(60).optional(),
});

export const SignIn = z.strictObject({
  businessCode: z.string().trim().min(1).max(40),
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const Session = z.object({
  staff: z.object({
    staffId: Uuid,
    name: z.string(),
    email: z.string(),
    language: Language.nullable(),
  }),
  tenant: z.object({
    tenantId: Uuid,
    slug: z.string(),
    name: z.string(),
    defaultLanguage: Language,
    brandColor: z.string(),
  }),
  role: z.object({ roleId: Uuid, name: z.string(), systemKey: SystemRoleKey.nullable() }),
  permissions: z.array(Permission),
  stores: z.array(z.object({ storeId: Uuid, code: z.string(), name: z.string() })),
  storeId: Uuid.nullable(),
  csrfToken: z.string(),
  expiresAt: IsoDateTime,
});
export type Session = z.infer<typeof Session>;
export const SwitchStore = z.strictObject({ storeId: Uuid });

export const SetupStatus = z.object({ empty: z.boolean() });
export const SetupCreate = z.strictObject({
  business: z.strictObject({
    name: Name,
    slug: Slug,
    defaultLanguage: Language,
    timeZone: TimeZone.default('Asia/Taipei'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('TWD'),
    phoneCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('TW'),
  }),
  admin: z.strictObject({ name: Name, email: Email, password: Password }),
});
export const DemoCreated = z.object({
  businessCode: z.string(),
  accounts: z.array(z.object({ role: SystemRoleKey, email: z.string(), password: z.string() })),
});
export type DemoCreated = z.infer<typeof DemoCreated>;
