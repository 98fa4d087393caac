import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signIn } from '../../../../../../test/app';
import type { AppContext } from '../../../http/context';

/** Test data: a member with SMS consent, added as staff would, and SMS deliveries to them. */
export async function smsMember(
  app: FastifyInstance,
  slug: string,
  phone: string,
  name = '林美玲',
): Promise<{ memberId: string }> {
  const manager = await signIn(app, slug, `customer_manager@${slug}.test`);
  const res = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name, gender: 'female', phone, consents: { sms: true } },
  });
  if (res.statusCode !== 200) throw new Error(`member: ${res.body}`);
  return { memberId: res.json().memberId };
}

export async function smsDelivery(
  ctx: AppContext,
  tenantId: string,
  input: { memberId: string | null; to: string; text: string; state?: string },
): Promise<string> {
  const deliveryId = randomUUID();
  await ctx.db.withTenant(tenantId, (tx) =>
    tx
      .insertInto('message_deliveries')
      .values({
        tenant_id: tenantId,
        delivery_id: deliveryId,
        cause: `test:${deliveryId}`,
        member_id: input.memberId,
        channel: 'sms',
        category: 'marketing',
        to_address: input.to,
        body_text: input.text,
        state: input.state ?? 'sent',
      })
      .execute(),
  );
  return deliveryId;
}

export const deliveryOf = (ctx: AppContext, tenantId: string, deliveryId: string) =>
  ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('message_deliveries')
      .select(['state', 'reason', 'detail', 'delivered_at'])
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirstOrThrow(),
  );

export const smsConsentOf = async (ctx: AppContext, tenantId: string, memberId: string) => {
  const row = await ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('members')
      .select('consents')
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow(),
  );
  return (row.consents as { sms?: { granted: boolean; source?: string } }).sms;
};

export const blocksOf = (ctx: AppContext, tenantId: string) =>
  ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('message_blocks')
      .select(['address', 'reason'])
      .where('channel', '=', 'sms')
      .execute(),
  );
