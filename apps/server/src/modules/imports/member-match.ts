import type { CustomFieldDef, MemberImportValues, RowProblem } from '@regulars/core';
import type { ImportMatchBy } from '@regulars/contracts';

/** A member as the import sees it: what a row may change, and the keys it is found by. */
export type Existing = {
  member_id: string;
  card_number: string;
  name: string;
  gender: string;
  birthday: string | null;
  phone: string | null;
  other_phones: string[];
  email: string | null;
  address: string;
  preferred_channel: string | null;
  language: string | null;
  time_zone: string | null;
  home_store_id: string | null;
  external_id: string | null;
  custom: Record<string, unknown>;
  tags: string[];
  consents: Record<string, { granted: boolean }>;
  field_sources: Record<string, unknown>;
};

export type Found = {
  byPhone: Map<string, Existing>;
  byExternal: Map<string, Existing>;
  byCard: Map<string, Existing>;
  byEmail: Map<string, Existing[]>;
};

export type Decision =
  | { kind: 'create'; values: MemberImportValues }
  | { kind: 'update' | 'unchanged'; target: Existing; values: MemberImportValues }
  | { kind: 'reject'; problems: RowProblem[] };

/** The columns holding each field (for naming the column of a problem). */
export type ColumnOf = (field: string) => number;

const KEY_FIELD: Record<ImportMatchBy, 'phone' | 'email' | 'cardNumber' | 'externalId'> = {
  phone: 'phone',
  email: 'email',
  card: 'cardNumber',
  external_id: 'externalId',
};

/**
 * Which member a valid row is about, by the chosen key, and whether its other keys agree: a
 * phone held by someone else, or an id that names another member, rejects the row.
 */
export function decide(
  v: MemberImportValues,
  matchBy: ImportMatchBy,
  found: Found,
  defs: CustomFieldDef[],
  columnOf: ColumnOf,
): Decision {
  const reject = (field: string, value: string | undefined, reason: RowProblem['reason']) => ({
    kind: 'reject' as const,
    problems: [{ column: columnOf(field), value: value ?? '', reason }],
  });
  const keyField = KEY_FIELD[matchBy];
  const key = v[keyField];
  if (!key) return reject(keyField, '', 'key.missing');
  let target: Existing | null = null;
  if (matchBy === 'phone') target = found.byPhone.get(key) ?? null;
  else if (matchBy === 'external_id') target = found.byExternal.get(key) ?? null;
  else if (matchBy === 'card') {
    target = found.byCard.get(key) ?? null;
    if (!target) return reject('cardNumber', key, 'card.unknown');
  } else {
    const list = found.byEmail.get(key) ?? [];
    if (list.length > 1) return reject('email', key, 'email.ambiguous');
    target = list[0] ?? null;
  }
  const holder = v.phone ? found.byPhone.get(v.phone) : undefined;
  if (holder && holder !== target) return reject('phone', v.phone, 'phone.taken');
  const ext = v.externalId ? found.byExternal.get(v.externalId) : undefined;
  if (ext && ext !== target) return reject('externalId', v.externalId, 'keys.conflict');
  if (v.cardNumber && matchBy !== 'card') {
    const card = found.byCard.get(v.cardNumber);
    if (!card) return reject('cardNumber', v.cardNumber, 'card.unknown');
    if (card !== target) return reject('cardNumber', v.cardNumber, 'keys.conflict');
  }
  if (!target) {
    if (!v.name) return reject('name', '', 'value.required');
    const missing = defs.find((d) => d.active && d.required && !(d.key in v.custom));
    if (missing) return reject(`custom.${missing.key}`, '', 'value.required');
    return { kind: 'create', values: v };
  }
  return { kind: changes(target, v) ? 'update' : 'unchanged', target, values: v };
}

const stable = (o: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );

/** The member after the row: given fields replace, tags and other phones add, custom merges. */
export function merged(t: Existing, v: MemberImportValues) {
  return {
    name: v.name ?? t.name,
    gender: v.gender ?? t.gender,
    birthday: v.birthday ?? t.birthday,
    phone: v.phone ?? t.phone,
    other_phones: [...new Set([...t.other_phones, ...v.otherPhones])].filter(
      (p) => p !== (v.phone ?? t.phone),
    ),
    email: v.email ?? t.email,
    address: v.address ?? t.address,
    preferred_channel: v.preferredChannel ?? t.preferred_channel,
    language: v.language ?? t.language,
    time_zone: v.timeZone ?? t.time_zone,
    home_store_id: v.homeStoreId ?? t.home_store_id,
    external_id: v.externalId ?? t.external_id,
    custom: { ...t.custom, ...v.custom },
    tags: [...new Set([...t.tags, ...v.tags])],
  };
}

/** Consent decisions in the row that differ from what the member has. */
export const consentChanges = (t: Existing | null, v: MemberImportValues) =>
  Object.entries(v.consents).filter(([ch, g]) => t?.consents[ch]?.granted !== g);

function changes(t: Existing, v: MemberImportValues): boolean {
  const m = merged(t, v);
  const scalar = [
    'name',
    'gender',
    'birthday',
    'phone',
    'email',
    'address',
    'preferred_channel',
    'language',
    'time_zone',
    'home_store_id',
    'external_id',
  ] as const;
  return (
    scalar.some((k) => m[k] !== t[k]) ||
    m.other_phones.join() !== t.other_phones.join() ||
    m.tags.join('\u0001') !== t.tags.join('\u0001') ||
    stable(m.custom) !== stable(t.custom) ||
    consentChanges(t, v).length > 0
  );
}
