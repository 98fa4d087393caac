import type { Delivery } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { z } from 'zod';
import type { DeliveryQuery } from '@regulars/contracts';
import { AppError } from '../../http/errors';
import { liveChannels, type ChannelKind } from './channel';

type Query = z.infer<typeof DeliveryQuery>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!at || !id || Number.isNaN(Date.parse(at)) || !uuid.test(id))
    throw new AppError('request.invalid', { detail: 'cursor: not a cursor from this list' });
  return { at, id };
}

/** The outbox, newest first, filtered by state, channel, member or development mode. */
export async function listDeliveries(tx: Tx, q: Query) {
  let query = tx
    .selectFrom('message_deliveries as d')
    .leftJoin('members as m', 'm.member_id', 'd.member_id')
    .selectAll('d')
    .select('m.name as member_name')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.delivery_id', 'desc')
    .limit(q.limit + 1);
  if (q.state) query = query.where('d.state', '=', q.state);
  if (q.channel) query = query.where('d.channel', '=', q.channel);
  if (q.memberId) query = query.where('d.member_id', '=', q.memberId);
  if (q.development === 'true') {
    const live = liveChannels();
    query = query.where((eb) =>
      eb.or([
        eb('d.provider', '=', 'development'),
        ...(live.length
          ? [eb.and([eb('d.provider', 'is', null), eb('d.channel', 'not in', live)])]
          : [eb('d.provider', 'is', null)]),
      ]),
    );
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('d.created_at', '<', new Date(c.at)),
        eb.and([eb('d.created_at', '=', new Date(c.at)), eb('d.delivery_id', '<', c.id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor:
      more && last
        ? Buffer.from(`${new Date(last.created_at).toISOString()}|${last.delivery_id}`).toString(
            'base64url',
          )
        : null,
  };
}

type Row = {
  delivery_id: string;
  cause: string;
  member_id: string | null;
  member_name: string | null;
  channel: string;
  category: string;
  to_address: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  state: string;
  reason: string | null;
  detail: string | null;
  attempts: number;
  provider: string | null;
  not_before: Date | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
};

/**
 * A delivery as the API shows it. The words of a transactional message (a sign-in code) are shown
 * only while the channel is in development mode — then the outbox is the only way to read them.
 */
export function toDelivery(r: Row): Delivery {
  const development =
    r.provider === 'development' ||
    (r.provider === null && !liveChannels().includes(r.channel as ChannelKind));
  const visible = r.category === 'marketing' || development;
  return {
    deliveryId: r.delivery_id,
    cause: r.cause,
    memberId: r.member_id,
    memberName: r.member_name,
    channel: r.channel as Delivery['channel'],
    category: r.category as Delivery['category'],
    to: r.to_address,
    subject: r.subject,
    text: visible ? r.body_text : null,
    html: visible ? r.body_html : null,
    state: r.state as Delivery['state'],
    reason: r.reason,
    detail: r.detail,
    attempts: r.attempts,
    provider: r.provider,
    notBefore: iso(r.not_before),
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
  };
}
