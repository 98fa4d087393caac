import type { Channel, MemberSource } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { recordConsent } from './consent.service';
import { findMember } from './member-view';

/** Records a consent decision staff make for one channel, with its history. */
export async function setConsent(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  channel: Channel,
  granted: boolean,
  source: MemberSource,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const decision = { memberId, channel, granted, source, actor: auth.actor };
    if (!(await recordConsent(ctx.events, tx, auth.tenantId, { ...decision, at: ctx.clock.now() })))
      throw notFound('member');
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
