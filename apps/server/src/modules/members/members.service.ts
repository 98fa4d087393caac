import { randomUUID } from 'node:crypto';
import { cardNumber, cleanText } from '@regulars/core';
import type { MemberCreate } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import {
  assertPhoneFree,
  assertStore,
  explainConflict,
  maskedContacts,
  phoneCountry,
  type Origin,
} from './member-rules';
import { findMember, type MemberRow } from './member-view';
import { checkCustom, checkTimeZone, phoneOrFail, searchColumns, uniqueTags } from './normalize';

async function nextCardNumber(tx: Tx, tenantId: string): Promise<string> {
  const r = await sql<{ value: string }>`
    INSERT INTO tenant_counters (tenant_id, counter, value) VALUES (${tenantId}, 'member_card', 1)
    ON CONFLICT (tenant_id, counter) DO UPDATE SET value = tenant_counters.value + 1
    RETURNING value`.execute(tx);
  return cardNumber(Number(r.rows[0]!.value));
}

/** Adds a member: checks and normalises every field, numbers the card, records consent. */
export async function createMember(
  ctx: AppContext,
  auth: AuthContext,
  input: MemberCreate,
  origin: Origin,
): Promise<MemberRow> {
  // Names are stored as the import stores them (half-width, one space), and searched the same way.
  const name = cleanText(input.name);
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const country = await phoneCountry(tx);
    const phone = input.phone ? phoneOrFail(input.phone, country, 'phone') : null;
    const otherPhones = [
      ...new Set(input.otherPhones.map((p, i) => phoneOrFail(p, country, `otherPhones.${i}`))),
    ];
    checkTimeZone(input.timeZone);
    const custom = await checkCustom(tx, input.custom, false);
    const tags = uniqueTags(input.tags);
    await assertPhoneFree(tx, phone, null);
    await assertStore(tx, input.homeStoreId);
    const card = await nextCardNumber(tx, auth.tenantId);
    const memberId = randomUUID();
    const now = ctx.clock.now();
    const stamp = { source: origin.source, at: now.toISOString() };
    const fieldSources = Object.fromEntries(
      (['phone', 'email', 'address'] as const).filter((f) => !!input[f]).map((f) => [f, stamp]),
    );
    const consents = Object.fromEntries(
      Object.entries(input.consents).map(([ch, granted]) => [ch, { granted, ...stamp }]),
    );
    await tx
      .insertInto('members')
      .values({
        tenant_id: auth.tenantId,
        member_id: memberId,
        card_number: card,
        name,
        gender: input.gender,
        birthday: input.birthday,
        phone,
        other_phones: otherPhones,
        email: input.email,
        address: input.address,
        preferred_channel: input.preferredChannel,
        language: input.language,
        time_zone: input.timeZone,
        home_store_id: input.homeStoreId ?? auth.storeId,
        external_id: input.externalId,
        source: origin.source,
        source_ref: JSON.stringify(origin.ref ?? {}),
        field_sources: JSON.stringify(fieldSources),
        consents: JSON.stringify(consents),
        custom: JSON.stringify(custom),
        tags,
        ...searchColumns({
          name,
          email: input.email,
          phone,
          otherPhones,
          cardNumber: card,
          tags,
        }),
        created_by: auth.actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute()
      .catch(explainConflict);
    for (const [channel, granted] of Object.entries(input.consents)) {
      await tx
        .insertInto('member_consent_history')
        .values({
          tenant_id: auth.tenantId,
          member_id: memberId,
          channel,
          granted,
          source: origin.source,
          actor_id: auth.actor.id,
          at: now,
        })
        .execute();
    }
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'member.created',
      entityType: 'member',
      entityId: memberId,
      after: {
        cardNumber: card,
        name,
        source: origin.source,
        tags,
        ...maskedContacts({ phone, otherPhones, email: input.email, address: input.address }),
      },
    });
    await ctx.events.record(tx, auth.tenantId, 'member.created', {
      memberId,
      source: origin.source,
      sourceRef: origin.ref ?? {},
    });
    return (await findMember(tx, memberId))!;
  });
}

/** One member; with `audit`, the view of their contact details is recorded. */
export async function getMember(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  opts: { audit: boolean },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const row = await findMember(tx, memberId);
    if (!row) throw notFound('member');
    if (opts.audit) {
      await recordAudit(tx, auth.tenantId, auth.actor, {
        action: 'member.contact_viewed',
        entityType: 'member',
        entityId: memberId,
      });
    }
    return row;
  });
}
