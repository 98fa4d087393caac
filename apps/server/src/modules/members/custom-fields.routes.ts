import { z } from 'zod';
import { CustomField, CustomFieldCreate, CustomFieldUpdate } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import { authOf } from '../../http/context';
import { notFound } from '../../http/errors';
import type { Api } from '../../http/routes';
import { recordAudit } from '../../platform/audit';
import { duplicateAs, versionedResult } from '../../platform/versioned';

const tags = ['Members'];
const KeyParams = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });

const find = (tx: Tx, key: string) =>
  tx.selectFrom('custom_fields').selectAll().where('field_key', '=', key).executeTakeFirst();

const toField = (r: NonNullable<Awaited<ReturnType<typeof find>>>): CustomField => ({
  key: r.field_key,
  label: r.label as CustomField['label'],
  type: r.type as CustomField['type'],
  options: r.options as CustomField['options'],
  required: r.required,
  position: r.position,
  active: r.active,
  version: r.version,
});

/** The business's own member fields ("traits beyond the basics"): typed, validated, in three languages. */
export function registerCustomFieldRoutes(api: Api): void {
  const ctx = api.ctx;

  api.get(
    '/custom-fields',
    {
      config: { access: 'members.browse' },
      schema: { tags, response: { 200: z.array(CustomField) } },
    },
    async (req) => {
      const auth = authOf(req);
      const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
        tx
          .selectFrom('custom_fields')
          .selectAll()
          .orderBy('position')
          .orderBy('field_key')
          .execute(),
      );
      return rows.map(toField);
    },
  );

  api.post(
    '/custom-fields',
    {
      config: { access: 'settings.maintain' },
      schema: { tags, body: CustomFieldCreate, response: { 200: CustomField } },
    },
    async (req) => {
      const auth = authOf(req);
      const b = req.body;
      return ctx.db.withTenant(auth.tenantId, async (tx) => {
        await tx
          .insertInto('custom_fields')
          .values({
            tenant_id: auth.tenantId,
            field_key: b.key,
            label: JSON.stringify(b.label),
            type: b.type,
            options: JSON.stringify(b.options),
            required: b.required,
            position: b.position,
          })
          .execute()
          .catch(duplicateAs('key'));
        const field = toField((await find(tx, b.key))!);
        await recordAudit(tx, auth.tenantId, auth.actor, {
          action: 'custom_field.created',
          entityType: 'custom_field',
          entityId: b.key,
          after: field,
        });
        return field;
      });
    },
  );

  api.put(
    '/custom-fields/:key',
    {
      config: { access: 'settings.maintain' },
      schema: { tags, params: KeyParams, body: CustomFieldUpdate, response: { 200: CustomField } },
    },
    async (req) => {
      const auth = authOf(req);
      const b = req.body;
      return ctx.db.withTenant(auth.tenantId, async (tx) => {
        const before = await find(tx, req.params.key);
        if (!before) throw notFound('custom_field');
        await versionedResult(
          await tx
            .updateTable('custom_fields')
            .set((eb) => ({
              label: JSON.stringify(b.label),
              options: JSON.stringify(b.options),
              required: b.required,
              position: b.position,
              active: b.active,
              version: eb('version', '+', 1),
              updated_at: ctx.clock.now(),
            }))
            .where('field_key', '=', req.params.key)
            .where('version', '=', b.version)
            .returning('field_key')
            .executeTakeFirst(),
          async () => true,
          'custom_field',
        );
        const field = toField((await find(tx, req.params.key))!);
        await recordAudit(tx, auth.tenantId, auth.actor, {
          action: 'custom_field.updated',
          entityType: 'custom_field',
          entityId: req.params.key,
          before: toField(before),
          after: field,
        });
        return field;
      });
    },
  );
}
