import { randomUUID } from 'node:crypto';
import type {
  Language,
  MemberMessageCreate,
  MessagePreviewRequest,
  TemplateVariant,
} from '@regulars/contracts';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { addressOf, loadMembers, loadTenant } from './facts';
import { enqueueMessage } from './outbox.service';
import { pickVariant, renderVariant } from './render';
import { resolveVariables, variablesUsed } from './variables';

/** A message typed or chosen by staff for one member, from the member card. */
export async function sendToMember(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  body: z.infer<typeof MemberMessageCreate>,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const member = (await loadMembers(tx, [memberId])).get(memberId);
    if (!member) throw notFound('member');
    if (!addressOf(member, body.channel))
      throw new AppError('message.no_address', { field: body.channel });
    if (!body.templateId && !body.text) throw new AppError('message.empty');
    const result = await enqueueMessage(tx, ctx, auth.tenantId, {
      cause: `direct:${randomUUID()}`,
      category: body.category,
      channel: body.channel,
      memberId,
      ...(body.templateId
        ? { templateId: body.templateId }
        : { content: { text: body.text!, ...(body.subject ? { subject: body.subject } : {}) } }),
      createdBy: auth.actor.id,
    });
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'message.sent',
      entityType: 'member',
      entityId: memberId,
      after: { deliveryId: result.deliveryId, channel: body.channel, category: body.category },
    });
    return result;
  });
}

/** How a template or text will read for a real member: nothing is written. */
export async function previewMessage(
  ctx: AppContext,
  auth: AuthContext,
  req: z.infer<typeof MessagePreviewRequest>,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const tenant = await loadTenant(tx, auth.tenantId);
    const member = (await loadMembers(tx, [req.memberId])).get(req.memberId);
    if (!member) throw notFound('member');
    let variants: Partial<Record<Language, TemplateVariant>> | undefined = req.variants;
    if (!variants && req.templateId) {
      const t = await tx
        .selectFrom('message_templates')
        .select('variants')
        .where('template_id', '=', req.templateId)
        .executeTakeFirst();
      if (!t) throw notFound('template');
      variants = t.variants as Partial<Record<Language, TemplateVariant>>;
    }
    if (!variants) {
      if (!req.text) throw new AppError('message.empty');
      variants = { [member.language ?? tenant.language]: { text: req.text, subject: req.subject } };
    }
    const language = member.language ?? tenant.language;
    const picked = pickVariant(variants, language, tenant.language);
    if (!picked) throw new AppError('template.no_variant');
    const vars = await resolveVariables(
      tx,
      [{ member, language: picked.language }],
      tenant,
      variablesUsed([picked.variant]),
    );
    const rendered = renderVariant(picked.variant, vars.get(member.memberId) ?? {}, {
      channel: req.channel,
      language: picked.language,
      unsubscribeUrl: null,
    });
    return { language: picked.language, to: addressOf(member, req.channel), ...rendered };
  });
}
