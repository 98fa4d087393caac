import type { Tx } from '@regulars/db';
import type { Events } from '../../platform/events';
import { systemActor } from '../../platform/audit';
import { recordConsent } from '../members';

export type UnsubscribeSource = 'unsubscribe_link' | 'one_click' | 'sms_keyword';

/**
 * Withdraws a member's marketing consent for one channel — the member's own word, through an
 * unsubscribe link, the one-click header or an SMS keyword — with its history and an audit entry
 * (the members module writes it). It takes effect for every later send at once: the gate reads
 * consent when it sends. False when the member had no consent to withdraw.
 */
export async function withdrawConsent(
  events: Events,
  tx: Tx,
  tenantId: string,
  memberId: string,
  channel: 'email' | 'sms',
  source: UnsubscribeSource,
  now: Date,
): Promise<boolean> {
  return recordConsent(events, tx, tenantId, {
    memberId,
    channel,
    granted: false,
    source,
    actor: { ...systemActor(source), type: 'member', id: memberId },
    at: now,
    onlyIfChanged: true,
  });
}
