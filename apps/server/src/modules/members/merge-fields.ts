import type { MemberRow } from './member-view';

type Consent = { granted: boolean; at: string; source: string };
type Stamp = { source: string; at: string };

/**
 * Consent after a merge, per channel: a "no" from either record beats a "yes" (the member told
 * one of us to stop); between two answers alike, the later one stands.
 */
export function mergeConsents(
  keep: Record<string, Consent>,
  other: Record<string, Consent>,
): Record<string, Consent> {
  const out: Record<string, Consent> = { ...keep };
  for (const [channel, theirs] of Object.entries(other)) {
    const ours = out[channel];
    if (!ours) out[channel] = theirs;
    else if (ours.granted !== theirs.granted) out[channel] = ours.granted ? theirs : ours;
    else if (theirs.at > ours.at) out[channel] = theirs;
  }
  return out;
}

const FILLABLE = [
  'birthday',
  'email',
  'address',
  'preferred_channel',
  'language',
  'time_zone',
  'home_store_id',
  'external_id',
] as const;
type Fillable = (typeof FILLABLE)[number];
/** API names of the fields, for field sources and the audit log. */
const API_NAME: Record<Fillable | 'phone' | 'gender', string> = {
  birthday: 'birthday',
  email: 'email',
  address: 'address',
  preferred_channel: 'preferredChannel',
  language: 'language',
  time_zone: 'timeZone',
  home_store_id: 'homeStoreId',
  external_id: 'externalId',
  phone: 'phone',
  gender: 'gender',
};

/**
 * The survivor's fields after taking in the duplicate: the survivor's values stand; empty ones
 * are filled from the duplicate; the duplicate's numbers become other numbers; tags and custom
 * values are joined (the survivor's value wins a clash); consents follow `mergeConsents`.
 */
export function mergeFields(keep: MemberRow, other: MemberRow, now: Date) {
  const filled: string[] = [];
  const sources = { ...(keep.field_sources as Record<string, Stamp>) };
  const theirSources = other.field_sources as Record<string, Stamp>;
  const take = <K extends Fillable | 'phone'>(k: K): MemberRow[K] => {
    const mine = keep[k];
    const theirs = other[k];
    if ((mine === null || mine === '') && theirs !== null && theirs !== '') {
      filled.push(API_NAME[k]);
      const s = theirSources[API_NAME[k]];
      if (s) sources[API_NAME[k]] = s;
      return theirs;
    }
    return mine;
  };
  const phone = take('phone');
  const fields = Object.fromEntries(FILLABLE.map((k) => [k, take(k)])) as {
    [K in Fillable]: MemberRow[K];
  };
  const gender = keep.gender === 'unknown' ? other.gender : keep.gender;
  if (gender !== keep.gender) filled.push('gender');
  const otherPhones = [
    ...new Set([...keep.other_phones, other.phone, ...other.other_phones]),
  ].filter((p): p is string => !!p && p !== phone);
  if (otherPhones.length !== keep.other_phones.length) {
    filled.push('otherPhones');
    sources.otherPhones = theirSources.phone ?? { source: 'merge', at: now.toISOString() };
  }
  const sourceRef = keep.source_ref as Record<string, unknown>;
  const mergedFrom = Array.isArray(sourceRef.mergedFrom) ? sourceRef.mergedFrom : [];
  return {
    ...fields,
    phone,
    gender,
    other_phones: otherPhones,
    tags: [...new Set([...keep.tags, ...other.tags])],
    custom: { ...(other.custom as object), ...(keep.custom as object) },
    consents: mergeConsents(
      keep.consents as Record<string, Consent>,
      other.consents as Record<string, Consent>,
    ),
    field_sources: sources,
    // The retired card number stays findable in the survivor's record of where it came from.
    source_ref: {
      ...sourceRef,
      mergedFrom: [
        ...mergedFrom,
        {
          memberId: other.member_id,
          cardNumber: other.card_number,
          source: other.source,
          at: now.toISOString(),
        },
      ],
    },
    filled,
  };
}
