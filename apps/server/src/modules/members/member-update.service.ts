import type { MemberUpdate } from '@regulars/contracts';
import { cleanText } from '@regulars/core';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { versionedResult } from '../../platform/versioned';
import {
  CONTACT_FIELDS,
  assertPhoneFree,
  assertStore,
  explainConflict,
  maskedContacts,
  phoneCountry,
  type Origin,
} from './member-rules';
import { findMember, type MemberRow } from './member-view';
import { checkCustom, checkTimeZone, phoneOrFail, searchColumns, uniqueTags } from './normalize';

/** The member's editable fields in API names, read from a row. */
const fieldsOf = (r: MemberRow) => ({
  name: r.name,
  gender: r.gender,
  birthday: r.birthday,
  phone: r.phone,
  otherPhones: r.other_phones,
  email: r.email,
  address: r.address,
  preferredChannel: r.preferred_channel,
  language: r.language,
  timeZone: r.time_zone,
  homeStoreId: r.home_store_id,
  externalId: r.external_id,
  tags: r.tags,
  custom: r.custom as Record<string, unknown>,
});
type Fields = ReturnType<typeof fieldsOf>;

/** Applies a partial change based on the version the editor read; a stale one gets 409. */
export async function updateMember(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  input: MemberUpdate,
  origin: Origin,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const row = await findMember(tx, memberId);
    if (!row) throw notFound('member');
    const before = fieldsOf(row);
    const country = await phoneCountry(tx);
    checkTimeZone(input.timeZone);
    const { version, ...given } = input;
    const next: Fields = {
      ...before,
      ...(Object.fromEntries(
        Object.entries(given).filter(([, v]) => v !== undefined),
      ) as Partial<Fields>),
    };
    if (input.name !== undefined) next.name = cleanText(input.name);
    if (input.phone !== undefined)
      next.phone = input.phone && phoneOrFail(input.phone, country, 'phone');
    if (input.otherPhones !== undefined)
      next.otherPhones = [
        ...new Set(input.otherPhones.map((p, i) => phoneOrFail(p, country, `otherPhones.${i}`))),
      ];
    if (input.tags !== undefined) next.tags = uniqueTags(input.tags);
    if (input.custom !== undefined)
      next.custom = { ...before.custom, ...(await checkCustom(tx, input.custom, true)) };
    const changed = (Object.keys(next) as (keyof Fields)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
    );
    await assertPhoneFree(tx, next.phone, memberId);
    await assertStore(tx, input.homeStoreId);
    const now = ctx.clock.now();
    const fieldSources = { ...(row.field_sources as Record<string, unknown>) };
    for (const f of CONTACT_FIELDS)
      if (changed.includes(f)) fieldSources[f] = { source: origin.source, at: now.toISOString() };
    await versionedResult(
      await tx
        .updateTable('members')
        .set((eb) => ({
          name: next.name,
          gender: next.gender,
          birthday: next.birthday,
          phone: next.phone,
          other_phones: next.otherPhones,
          email: next.email,
          address: next.address,
          preferred_channel: next.preferredChannel,
          language: next.language,
          time_zone: next.timeZone,
          home_store_id: next.homeStoreId,
          external_id: next.externalId,
          field_sources: JSON.stringify(fieldSources),
          custom: JSON.stringify(next.custom),
          tags: next.tags,
          ...searchColumns({ ...next, cardNumber: row.card_number }),
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('member_id', '=', memberId)
        .where('version', '=', version)
        .returning('member_id')
        .executeTakeFirst()
        .catch(explainConflict),
      async () => true,
      'member',
    );
    // The audit log keeps changed values; contact details only in masked form.
    const diff = (f: Fields) => {
      const plain = Object.fromEntries(
        changed
          .filter((k) => !(CONTACT_FIELDS as readonly string[]).includes(k))
          .map((k) => [k, f[k]]),
      );
      const contacts = Object.fromEntries(
        changed
          .filter((k) => (CONTACT_FIELDS as readonly string[]).includes(k))
          .map((k) => [k, f[k]]),
      );
      return { ...plain, ...maskedContacts(contacts) };
    };
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'member.updated',
      entityType: 'member',
      entityId: memberId,
      before: diff(before),
      after: diff(next),
    });
    await ctx.events.record(tx, auth.tenantId, 'member.updated', { memberId, fields: changed });
    return (await findMember(tx, memberId))!;
  });
}
