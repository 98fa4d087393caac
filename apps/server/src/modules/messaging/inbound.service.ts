import { randomUUID } from 'node:crypto';
import { sql, type Tx } from '@regulars/db';
import type { Events } from '../../platform/events';
import { withdrawConsent } from './consent';

/** Replies that mean "stop sending me marketing" (Taiwan, China, Hong Kong and English usage). */
export const UNSUBSCRIBE_KEYWORDS = ['TD', '退订', '退訂', '取消', 'STOP', 'UNSUBSCRIBE'];

/** True when a whole reply is an unsubscribe keyword (case, width, spaces and punctuation aside). */
export function isUnsubscribeKeyword(text: string): boolean {
  const word = text
    .normalize('NFKC')
    .replace(/[\s\p{P}]+/gu, '')
    .toUpperCase();
  return UNSUBSCRIBE_KEYWORDS.includes(word);
}

export type InboundInput = {
  channel: 'sms';
  /** E.164 */
  from: string;
  text: string;
  receivedAt: Date;
  /** The gateway's id of the message (Kannel's %I); a message with a known id is a no-op. */
  providerId?: string | null;
};

/**
 * An incoming message. An unsubscribe keyword withdraws the sender's marketing consent for the
 * channel at once (every member with that number); anything else is kept as a reply on the
 * member's timeline. A message whose gateway id is already stored (the gateway sent it again)
 * changes nothing and answers what was stored.
 */
export async function receiveInbound(
  events: Events,
  tx: Tx,
  tenantId: string,
  input: InboundInput,
): Promise<{ inboundId: string; kind: 'unsubscribe' | 'reply'; memberId: string | null }> {
  const providerId = input.providerId ? input.providerId.slice(0, 100) : null;
  const members = await tx
    .selectFrom('members')
    .select('member_id')
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('phone', '=', input.from),
        eb(sql`${input.from}::text`, '=', sql`ANY(other_phones)`),
      ]),
    )
    .orderBy(sql`phone = ${input.from}`, 'desc')
    .execute();
  const kind = isUnsubscribeKeyword(input.text) ? 'unsubscribe' : 'reply';
  const memberId = members[0]?.member_id ?? null;
  const inboundId = randomUUID();
  // stored first: a repeat of a known message stops here, before anything else changes
  const stored = await tx
    .insertInto('inbound_messages')
    .values({
      tenant_id: tenantId,
      inbound_id: inboundId,
      channel: input.channel,
      from_address: input.from,
      member_id: memberId,
      body_text: input.text.slice(0, 2000),
      kind,
      received_at: input.receivedAt,
      provider_id: providerId,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'channel', 'provider_id']).doNothing())
    .returning('inbound_id')
    .executeTakeFirst();
  if (!stored) {
    const first = await tx
      .selectFrom('inbound_messages')
      .select(['inbound_id', 'kind', 'member_id'])
      .where('channel', '=', input.channel)
      .where('provider_id', '=', providerId)
      .executeTakeFirstOrThrow();
    return {
      inboundId: first.inbound_id,
      kind: first.kind as 'unsubscribe' | 'reply',
      memberId: first.member_id,
    };
  }
  if (kind === 'unsubscribe') {
    for (const m of members) {
      await withdrawConsent(
        events,
        tx,
        tenantId,
        m.member_id,
        input.channel,
        'sms_keyword',
        input.receivedAt,
      );
    }
  }
  return { inboundId, kind, memberId };
}
