import type { TenantSettings } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { recordAudit } from '../../platform/audit';
import { versionedResult } from '../../platform/versioned';

const hhmm = (t: string) => t.slice(0, 5);

async function read(tx: Tx): Promise<TenantSettings> {
  const t = await tx.selectFrom('tenants').selectAll().executeTakeFirstOrThrow();
  return {
    tenantId: t.tenant_id,
    slug: t.slug,
    name: t.name,
    defaultLanguage: t.default_language as TenantSettings['defaultLanguage'],
    timeZone: t.time_zone,
    currency: t.currency,
    phoneCountry: t.phone_country,
    rocDates: t.roc_dates,
    quietHoursStart: hhmm(t.quiet_hours_start),
    quietHoursEnd: hhmm(t.quiet_hours_end),
    brandColor: t.brand_color,
    isDemo: t.is_demo,
    version: t.version,
  };
}

export const getSettings = (ctx: AppContext, auth: AuthContext) =>
  ctx.db.withTenant(auth.tenantId, read);

export async function updateSettings(
  ctx: AppContext,
  auth: AuthContext,
  input: Omit<TenantSettings, 'tenantId' | 'slug' | 'isDemo'>,
): Promise<TenantSettings> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await read(tx);
    await versionedResult(
      await tx
        .updateTable('tenants')
        .set((eb) => ({
          name: input.name,
          default_language: input.defaultLanguage,
          time_zone: input.timeZone,
          currency: input.currency,
          phone_country: input.phoneCountry,
          roc_dates: input.rocDates,
          quiet_hours_start: input.quietHoursStart,
          quiet_hours_end: input.quietHoursEnd,
          brand_color: input.brandColor,
          version: eb('version', '+', 1),
          updated_at: ctx.clock.now(),
        }))
        .where('version', '=', input.version)
        .returning('tenant_id')
        .executeTakeFirst(),
      async () => true,
      'tenant',
    );
    const after = await read(tx);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'settings.updated',
      entityType: 'tenant',
      entityId: auth.tenantId,
      before,
      after,
    });
    return after;
  });
}
