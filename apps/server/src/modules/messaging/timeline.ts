import { MessageEntry, MessageReplyEntry } from '@regulars/contracts';
import { sql } from '@regulars/db';
import { registerTimelineSource } from '../members';

/** Messages sent to a member and their replies, on the member's timeline. */
export function registerMessageTimeline(): void {
  registerTimelineSource({
    kind: 'message',
    schema: MessageEntry,
    entries: ({ memberId }) => sql`
      SELECT d.delivery_id::text AS id, coalesce(d.sent_at, d.created_at) AS at,
             jsonb_build_object(
               'channel', d.channel,
               'category', d.category,
               'state', d.state,
               'reason', d.reason,
               'subject', d.subject,
               'text', CASE WHEN d.category = 'marketing' OR d.provider = 'development'
                            THEN left(d.body_text, 300) END,
               'senderName', s.name
             ) AS data
        FROM message_deliveries d LEFT JOIN staff s ON s.staff_id = d.created_by
       WHERE d.member_id = ${memberId}`,
  });
  registerTimelineSource({
    kind: 'message_reply',
    schema: MessageReplyEntry,
    entries: ({ memberId }) => sql`
      SELECT i.inbound_id::text AS id, i.received_at AS at,
             jsonb_build_object('channel', i.channel, 'replyKind', i.kind, 'text', left(i.body_text, 500)) AS data
        FROM inbound_messages i
       WHERE i.member_id = ${memberId}`,
  });
}
