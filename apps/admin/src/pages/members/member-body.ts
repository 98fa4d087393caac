import type { Channel, CustomField, Member } from '@regulars/contracts';

/** What the member form holds: contacts as typed, blanks as empty strings. */
export type MemberFields = {
  name: string;
  gender: Member['gender'];
  birthday?: string;
  phone?: string;
  otherPhones?: string[];
  email?: string;
  address?: string;
  preferredChannel?: Member['preferredChannel'];
  language?: Member['language'];
  timeZone?: string | null;
  homeStoreId?: string | null;
  tags?: string[];
  consents?: Partial<Record<Channel, boolean>>;
  custom?: Record<string, unknown>;
};

/** Contact details, masked for roles without "view contact details". */
export const CONTACT_FIELDS = ['phone', 'otherPhones', 'email', 'address'] as const;

export function toFields(m: Member): MemberFields {
  const masked = m.contactMasked;
  return {
    name: m.name,
    gender: m.gender,
    birthday: m.birthday ?? '',
    // A masked value cannot be edited: the field starts empty and shows the mask as a hint.
    phone: masked ? '' : (m.phone ?? ''),
    otherPhones: masked ? [] : m.otherPhones,
    email: masked ? '' : (m.email ?? ''),
    address: masked ? '' : m.address,
    preferredChannel: m.preferredChannel,
    language: m.language,
    timeZone: m.timeZone,
    homeStoreId: m.homeStoreId,
    tags: m.tags,
    custom: m.custom,
  };
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Custom values as the API takes them: empty ones left out. */
function customBody(v: Record<string, unknown> | undefined, fields: CustomField[]) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const x = v?.[f.key];
    if (x === undefined || x === null || x === '' || (Array.isArray(x) && !x.length)) continue;
    out[f.key] = x;
  }
  return out;
}

/** The create body. */
export function toCreateBody(v: MemberFields, fields: CustomField[]) {
  return {
    name: v.name,
    gender: v.gender,
    birthday: blank(v.birthday),
    phone: blank(v.phone),
    otherPhones: (v.otherPhones ?? []).filter((p) => p.trim()),
    email: blank(v.email),
    address: v.address?.trim() ?? '',
    preferredChannel: v.preferredChannel ?? null,
    language: v.language ?? null,
    timeZone: v.timeZone ?? null,
    homeStoreId: v.homeStoreId ?? null,
    tags: v.tags ?? [],
    consents: Object.fromEntries(
      Object.entries(v.consents ?? {}).filter(([, granted]) => granted !== undefined),
    ),
    custom: customBody(v.custom, fields),
  };
}

/** A partial change: only what differs from `m`; masked contacts only when retyped. */
export function toUpdateBody(v: MemberFields, m: Member, fields: CustomField[]) {
  const next = toCreateBody(v, fields);
  const before = toCreateBody(toFields(m), fields);
  const body: Record<string, unknown> = { version: m.version };
  for (const [k, value] of Object.entries(next)) {
    if (k === 'consents') continue;
    const masked = m.contactMasked && (CONTACT_FIELDS as readonly string[]).includes(k);
    if (masked) {
      if (Array.isArray(value) ? value.length : value) body[k] = value;
      continue;
    }
    if (JSON.stringify(value) !== JSON.stringify(before[k as keyof typeof before])) body[k] = value;
  }
  // Custom values removed in the form are sent as null so the API clears them.
  if (body.custom) {
    const custom = body.custom as Record<string, unknown>;
    for (const key of Object.keys(m.custom)) if (!(key in custom)) custom[key] = null;
  }
  return body;
}
