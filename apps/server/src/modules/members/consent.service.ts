import type { Channel } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import { recordAudit, type Actor } from '../../platform/audit';
import type { Events } from '../../platform/events';

export type ConsentDecision = {
  memberId: string;
  channel: Channel;
  granted: boolean;
  /** Where it came from: `staff`, an import, the portal, or the member's own unsubscribe. */
  source: string;
  /** Who recorded it: staff or an API key (kept in the history too), or the member themself. */
  actor: Actor;
  at: Date;
  /** Record it only when it changes the member's standing decision (a repeated unsubscribe). */
  onlyIfChanged?: boolean;
};

/**
 * Records a consent decision for one channel in the caller's transaction: the member's current
 * consent, its history (append-only proof), an audit entry and the `member.consent_changed` event
 * (webhooks, journeys). Every path that changes consent
 * after a member is created — staff on the member card, an unsubscribe link, an SMS keyword —
 * writes through here. False when nothing was recorded: no such member, or `onlyIfChanged` and
 * the member had decided so already.
 */
export async function recordConsent(
  events: Events,
  tx: Tx,
  tenantId: string,
  d: ConsentDecision,
): Promise<boolean> {
  const row = await tx
    .selectFrom('members')
    .select('consents')
    .where('member_id', '=', d.memberId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return false;
  const before = (row.consents as Record<string, { granted?: boolean } | undefined>)[d.channel];
  if (d.onlyIfChanged && (before?.granted ?? false) === d.granted) return false;
  const entry = { granted: d.granted, at: d.at.toISOString(), source: d.source };
  await tx
    .updateTable('members')
    .set((eb) => ({
      consents: sql`consents || ${JSON.stringify({ [d.channel]: entry })}::jsonb`,
      version: eb('version', '+', 1),
      updated_at: d.at,
    }))
    .where('member_id', '=', d.memberId)
    .execute();
  const byStaff = d.actor.type === 'staff' || d.actor.type === 'api_key';
  await tx
    .insertInto('member_consent_history')
    .values({
      tenant_id: tenantId,
      member_id: d.memberId,
      channel: d.channel,
      granted: d.granted,
      source: d.source,
      actor_id: byStaff ? d.actor.id : null,
      at: d.at,
    })
    .execute();
  await recordAudit(tx, tenantId, d.actor, {
    action: 'member.consent_changed',
    entityType: 'member',
    entityId: d.memberId,
    before: { [d.channel]: before ?? null },
    after: { [d.channel]: entry },
  });
  await events.record(tx, tenantId, 'member.consent_changed', {
    memberId: d.memberId,
    channel: d.channel,
    granted: d.granted,
    source: d.source,
  });
  return true;
}
