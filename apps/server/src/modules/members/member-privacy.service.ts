import type { Channel, MemberSource } from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { findMember } from './member-view';

/** Records a consent decision for one channel, with its history. */
export async function setConsent(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  channel: Channel,
  granted: boolean,
  source: MemberSource,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await findMember(tx, memberId);
    if (!before) throw notFound('member');
    const now = ctx.clock.now();
    const entry = { granted, at: now.toISOString(), source };
    await tx
      .updateTable('members')
      .set((eb) => ({
        consents: sql`consents || ${JSON.stringify({ [channel]: entry })}::jsonb`,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('member_id', '=', memberId)
      .execute();
    await tx
      .insertInto('member_consent_history')
      .values({
        tenant_id: auth.tenantId,
        member_id: memberId,
        channel,
        granted,
        source,
        actor_id: auth.actor.id,
        at: now,
      })
      .execute();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'member.consent_changed',
      entityType: 'member',
      entityId: memberId,
      before: { [channel]: (before.consents as Record<string, unknown>)[channel] ?? null },
      after: { [channel]: entry },
    });
    await ctx.events.record(tx, auth.tenantId, 'member.consent_changed', {
      memberId,
      channel,
      granted,
    });
    return (await findMember(tx, memberId))!;
  });
}

/** Erases a member on request: the row and its history go; the audit log keeps that it happened. */
export async function eraseMember(ctx: AppContext, auth: AuthContext, memberId: string) {
  await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const row = await findMember(tx, memberId);
    if (!row) throw notFound('member');
    await tx.deleteFrom('members').where('member_id', '=', memberId).execute();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'member.erased',
      entityType: 'member',
      entityId: memberId,
      before: { cardNumber: row.card_number },
    });
    await ctx.events.record(tx, auth.tenantId, 'member.erased', { memberId });
  });
}
