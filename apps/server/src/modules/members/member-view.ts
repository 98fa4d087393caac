import { addressAs, maskAddress, maskEmail, maskPhone, type Gender } from '@regulars/core';
import type { Language, Member } from '@regulars/contracts';
import type { Tx } from '@regulars/db';

export const MEMBER_COLUMNS = [
  'member_id',
  'card_number',
  'name',
  'gender',
  'birthday',
  'phone',
  'other_phones',
  'email',
  'address',
  'preferred_channel',
  'language',
  'time_zone',
  'home_store_id',
  'external_id',
  'source',
  'source_ref',
  'field_sources',
  'consents',
  'custom',
  'tags',
  'version',
  'created_at',
  'updated_at',
] as const;

export const findMember = (tx: Tx, memberId: string) =>
  tx
    .selectFrom('members')
    .select(MEMBER_COLUMNS)
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/**
 * A member as a caller sees them. Contact details are masked unless `reveal` — which only
 * callers holding "view contact details" may ask for, and which the caller audits.
 */
export function toMember(r: MemberRow, opts: { reveal: boolean; lang: Language }): Member {
  const reveal = opts.reveal;
  return {
    memberId: r.member_id,
    cardNumber: r.card_number,
    name: r.name,
    addressAs: addressAs(r.name, r.gender as Gender, opts.lang),
    gender: r.gender as Member['gender'],
    birthday: r.birthday,
    phone: r.phone && (reveal ? r.phone : maskPhone(r.phone)),
    otherPhones: r.other_phones.map((p) => (reveal ? p : maskPhone(p))),
    email: r.email && (reveal ? r.email : maskEmail(r.email)),
    address: reveal ? r.address : maskAddress(r.address),
    contactMasked: !reveal,
    preferredChannel: r.preferred_channel as Member['preferredChannel'],
    language: r.language as Member['language'],
    timeZone: r.time_zone,
    homeStoreId: r.home_store_id,
    externalId: r.external_id,
    source: r.source as Member['source'],
    sourceRef: r.source_ref as Member['sourceRef'],
    fieldSources: r.field_sources as Member['fieldSources'],
    consents: r.consents as Member['consents'],
    custom: r.custom as Member['custom'],
    tags: r.tags,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
