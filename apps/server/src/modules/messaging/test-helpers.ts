import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../../http/context';
import { blockAddress } from './blocks';
import { dispatchBatch } from './dispatch';
import { releaseHeld } from './release';
import { receiveInbound } from './inbound.service';
import { enqueueMessage } from './outbox.service';
import { unsubscribeToken } from './tokens';

/** Sends every batch with queued messages now (what the workers do), after releasing held ones. */
export async function drainOutbox(ctx: AppContext, tenantId: string): Promise<void> {
  await releaseHeld(ctx, tenantId);
  const batches = await ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('message_deliveries')
      .select('batch_id')
      .distinct()
      .where('state', '=', 'queued')
      .where('batch_id', 'is not', null)
      .execute(),
  );
  for (const b of batches) await dispatchBatch(ctx, tenantId, b.batch_id!);
}

/** A member's deliveries, oldest first. */
export async function deliveriesOf(ctx: AppContext, tenantId: string, memberId: string) {
  return ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('message_deliveries')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('created_at')
      .orderBy('delivery_id')
      .execute(),
  );
}

/**
 * Rows of every messaging table for one business (tenant-isolation test): a template, settings,
 * a marketing email with its unsubscribe token and a late (soft) bounce, a block, a cap
 * reservation, an inbound SMS.
 */
export async function seedMessaging(
  ctx: AppContext,
  tenantId: string,
  memberId: string,
  slug: string,
) {
  const templateId = randomUUID();
  return ctx.db.withTenant(tenantId, async (tx) => {
    await tx
      .insertInto('messaging_settings')
      .values({ tenant_id: tenantId, cap_count: 5 })
      .execute();
    await tx
      .insertInto('message_templates')
      .values({
        tenant_id: tenantId,
        template_id: templateId,
        name: `Template of ${slug}`,
        category: 'marketing',
        variants: JSON.stringify({ en: { text: `Hello from ${slug}` } }),
      })
      .execute();
    const sent = await enqueueMessage(tx, ctx, tenantId, {
      cause: `seed:${slug}`,
      category: 'marketing',
      channel: 'email',
      memberId,
      to: `member@${slug}.test`,
      templateId,
    });
    await blockAddress(tx, tenantId, {
      channel: 'email',
      address: `bounced@${slug}.test`,
      reason: 'hard_bounce',
    });
    await tx
      .insertInto('message_cap_reservations')
      .values({
        tenant_id: tenantId,
        member_id: memberId,
        delivery_id: sent.deliveryId,
        reserved_at: new Date(),
      })
      .execute();
    await tx
      .insertInto('email_bounces')
      .values({
        tenant_id: tenantId,
        bounce_id: randomUUID(),
        delivery_id: sent.deliveryId,
        dsn_key: createHash('sha256').update(slug).digest('hex'),
        kind: 'soft',
        action: 'delayed',
        status: '4.2.2',
        recipient: `member@${slug}.test`,
        diagnostic: null,
        received_at: new Date(),
      })
      .execute();
    await receiveInbound(ctx.events, tx, tenantId, {
      channel: 'sms',
      from: '+886900000000',
      text: `Reply of ${slug}`,
      receivedAt: new Date(),
    });
    return {
      templateId,
      unsubscribeToken: unsubscribeToken(ctx.config.secret, tenantId, sent.deliveryId),
      marks: [templateId, sent.deliveryId, `Template of ${slug}`, `Hello from ${slug}`],
    };
  });
}
