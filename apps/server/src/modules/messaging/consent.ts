import { sql, type Tx } from '@regulars/db';
import { recordAudit, systemActor } from '../../platform/audit';

export type UnsubscribeSource = 'unsubscribe_link' | 'one_click' | 'sms_keyword';

/**
 * Withdraws a member's marketing consent for one channel, with its history and an audit entry.
 * It takes effect for every later send at once: the gate reads consent when it sends.
 * (The members module records consent changes staff make; this is the member's own word.)
 */
export async function withdrawConsent(
  tx: Tx,
  tenantId: string,
  memberId: string,
  channel: 'email' | 'sms',
  source: UnsubscribeSource,
  now: Date,
): Promise<boolean> {
  const entry = { granted: false, at: now.toISOString(), source };
  const row = await tx
    .updateTable('members')
    .set((eb) => ({
      consents: sql`consents || ${JSON.stringify({ [channel]: entry })}::jsonb`,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('member_id', '=', memberId)
    .where(sql<boolean>`coalesce((consents -> ${channel} ->> 'granted')::boolean, false)`)
    .returning('member_id')
    .executeTakeFirst();
  if (!row) return false;
  await tx
    .insertInto('member_consent_history')
    .values({
      tenant_id: tenantId,
      member_id: memberId,
      channel,
      granted: false,
      source,
      actor_id: null,
      at: now,
    })
    .execute();
  await recordAudit(
    tx,
    tenantId,
    { ...systemActor(source), type: 'member', id: memberId },
    {
      action: 'member.consent_changed',
      entityType: 'member',
      entityId: memberId,
      after: { [channel]: entry },
    },
  );
  return true;
}
