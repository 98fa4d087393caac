import { randomUUID } from 'node:crypto';
import type {
  Language,
  Template,
  TemplateCreate,
  TemplateUpdate,
  TemplateVariant,
} from '@regulars/contracts';
import { parseTemplate } from '@regulars/core';
import type { Tx } from '@regulars/db';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { versionedResult } from '../../platform/versioned';
import { knownVariables } from './variables';

type Variants = Partial<Record<Language, TemplateVariant>>;

/** Every variable known and every slot well formed, in every language, before it is saved. */
function checkVariants(variants: Variants): void {
  const entries = Object.entries(variants) as [Language, TemplateVariant][];
  if (entries.length === 0) throw new AppError('template.no_variant');
  const known = new Set([...knownVariables(), 'unsubscribe_url']);
  for (const [language, v] of entries) {
    for (const source of [v.subject ?? '', v.text, v.html ?? '']) {
      const problem = parseTemplate(source, known).problems[0];
      if (problem)
        throw new AppError(
          'template.invalid',
          { language, detail: problem.detail },
          { language, problem },
        );
    }
  }
}

type Row = {
  template_id: string;
  name: string;
  category: string;
  variants: unknown;
  active: boolean;
  version: number;
  updated_at: Date;
};

const toTemplate = (r: Row): Template => ({
  templateId: r.template_id,
  name: r.name,
  category: r.category as Template['category'],
  variants: r.variants as Variants,
  active: r.active,
  version: r.version,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listTemplates(tx: Tx): Promise<Template[]> {
  const rows = await tx.selectFrom('message_templates').selectAll().orderBy('name').execute();
  return rows.map(toTemplate);
}

async function nameTaken(tx: Tx, name: string, except: string | null): Promise<boolean> {
  const row = await tx
    .selectFrom('message_templates')
    .select('template_id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  return !!row && row.template_id !== except;
}

export async function createTemplate(
  ctx: AppContext,
  auth: AuthContext,
  body: z.infer<typeof TemplateCreate>,
) {
  checkVariants(body.variants);
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    if (await nameTaken(tx, body.name, null))
      throw new AppError('template.duplicate_name', { name: body.name });
    const row = await tx
      .insertInto('message_templates')
      .values({
        tenant_id: auth.tenantId,
        template_id: randomUUID(),
        name: body.name,
        category: body.category,
        variants: JSON.stringify(body.variants),
        created_by: auth.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'template.created',
      entityType: 'template',
      entityId: row.template_id,
      after: { name: body.name, category: body.category },
    });
    return toTemplate(row);
  });
}

export async function updateTemplate(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
  body: z.infer<typeof TemplateUpdate>,
) {
  checkVariants(body.variants);
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await tx
      .selectFrom('message_templates')
      .selectAll()
      .where('template_id', '=', id)
      .executeTakeFirst();
    if (!before) throw notFound('template');
    if (await nameTaken(tx, body.name, id))
      throw new AppError('template.duplicate_name', { name: body.name });
    const updated = await tx
      .updateTable('message_templates')
      .set((eb) => ({
        name: body.name,
        category: body.category,
        variants: JSON.stringify(body.variants),
        active: body.active,
        version: eb('version', '+', 1),
        updated_at: ctx.clock.now(),
      }))
      .where('template_id', '=', id)
      .where('version', '=', body.version)
      .returningAll()
      .executeTakeFirst();
    const row = await versionedResult(updated, async () => before, 'template');
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'template.updated',
      entityType: 'template',
      entityId: id,
      before: { name: before.name, category: before.category, active: before.active },
      after: { name: body.name, category: body.category, active: body.active },
    });
    return toTemplate(row);
  });
}
