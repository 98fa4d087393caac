import type { MessagingSettingsUpdate } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { recordAudit } from '../../platform/audit';

async function readRow(tx: Tx, tenantId: string) {
  await tx
    .insertInto('messaging_settings')
    .values({ tenant_id: tenantId })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  return tx.selectFrom('messaging_settings').selectAll().executeTakeFirstOrThrow();
}

const view = (r: Awaited<ReturnType<typeof readRow>>) => ({
  capCount: r.cap_count,
  capDays: r.cap_days,
  emailFromName: r.email_from_name,
  emailReplyTo: r.email_reply_to,
  webhookUrl: r.webhook_url,
  webhookSecretSet: !!r.webhook_secret,
  version: r.version,
});

export async function readSettings(ctx: AppContext, auth: AuthContext) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => view(await readRow(tx, auth.tenantId)));
}

/** Frequency cap, sender name, reply-to and the webhook endpoint of the business. */
export async function updateSettings(
  ctx: AppContext,
  auth: AuthContext,
  body: z.infer<typeof MessagingSettingsUpdate>,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await readRow(tx, auth.tenantId);
    const secret = body.webhookSecret ?? before.webhook_secret;
    if (body.webhookUrl && !secret) throw new AppError('messaging.webhook_secret_required');
    const updated = await tx
      .updateTable('messaging_settings')
      .set((eb) => ({
        cap_count: body.capCount,
        cap_days: body.capDays,
        email_from_name: body.emailFromName,
        email_reply_to: body.emailReplyTo,
        webhook_url: body.webhookUrl,
        webhook_secret: secret,
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('version', '=', body.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict.version', {}, { entity: 'messaging_settings' });
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'messaging.settings_changed',
      entityType: 'messaging_settings',
      before: view(before),
      after: view(updated),
    });
    return view(updated);
  });
}
