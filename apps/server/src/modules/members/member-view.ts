import { addressAs, maskAddress, maskEmail, phoneDisplay, type Gender } from '@regulars/core';
import type { Language, Member } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';

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

const memberRows = (tx: Tx) => tx.selectFrom('members').select(MEMBER_COLUMNS);
export type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRows>['execute']>>[number];

/** An active member, with the business's phone country (how its staff write numbers). */
export const findMember = (tx: Tx, memberId: string) =>
  memberRows(tx)
    .select(
      sql<string>`(SELECT phone_country FROM tenants t WHERE t.tenant_id = members.tenant_id)`.as(
        'home_country',
      ),
    )
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();

/**
 * A member as a caller sees them. Contact details are masked unless `reveal` — which only
 * callers holding "view contact details" may ask for, and which the caller audits. Phones are
 * written as staff in the business's `country` write them (national form for domestic numbers),
 * masked or not, with E.164 alongside when revealed. The country is `country`, else the row's
 * (`findMember` reads it), else each number's own.
 */
export function toMember(
  r: MemberRow & { home_country?: string },
  opts: { reveal: boolean; lang: Language; country?: string },
): Member {
  const reveal = opts.reveal;
  const country = opts.country ?? r.home_country;
  const shown = (e164: string) => {
    const p = phoneDisplay(e164, country);
    return reveal ? p.display : p.masked;
  };
  return {
    memberId: r.member_id,
    cardNumber: r.card_number,
    name: r.name,
    addressAs: addressAs(r.name, r.gender as Gender, opts.lang),
    gender: r.gender as Member['gender'],
    birthday: r.birthday,
    phone: r.phone && shown(r.phone),
    otherPhones: r.other_phones.map(shown),
    phoneE164: reveal ? r.phone : null,
    otherPhonesE164: reveal ? r.other_phones : [],
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
