import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';

/**
 * Everything stored about one member, for their data-subject request: the profile as stored
 * (contact details unmasked), consent history, the audit entries and domain events about them,
 * and the imports that created or changed them. Audited. Modules with more member data
 * (purchases, notes…) add their sections here as they arrive.
 */
export async function memberData(ctx: AppContext, auth: AuthContext, memberId: string) {
  if (!auth.permissions.has('contacts.view'))
    throw new AppError('permission.denied', { permission: 'contacts.view' });
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const profile = await tx
      .selectFrom('members')
      .selectAll()
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (!profile) throw notFound('member');
    const consentHistory = await tx
      .selectFrom('member_consent_history')
      .select(['channel', 'granted', 'source', 'actor_id', 'at'])
      .where('member_id', '=', memberId)
      .orderBy('at')
      .execute();
    const audit = await tx
      .selectFrom('audit_log')
      .select(['at', 'actor_type', 'actor_name', 'action', 'before', 'after'])
      .where('entity_type', '=', 'member')
      .where('entity_id', '=', memberId)
      .orderBy('at')
      .execute();
    const events = await tx
      .selectFrom('domain_events')
      .select(['type', 'occurred_at', 'payload'])
      .where(
        sql<boolean>`payload->>'memberId' = ${memberId}
          OR payload->'created' ? ${memberId} OR payload->'updated' ? ${memberId}`,
      )
      .orderBy('occurred_at')
      .execute();
    const importIds = [
      ...new Set(
        Object.values((profile.field_sources ?? {}) as Record<string, { importId?: string }>)
          .map((s) => s.importId)
          .concat((profile.source_ref as { importId?: string }).importId)
          .filter((x): x is string => !!x),
      ),
    ];
    const imports = importIds.length
      ? await tx
          .selectFrom('imports')
          .select(['import_id', 'file_name', 'created_at'])
          .where('import_id', 'in', importIds)
          .execute()
      : [];
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'member.data_exported',
      entityType: 'member',
      entityId: memberId,
    });
    const { search_latin, name_initials, name_grams, ...stored } = profile;
    void search_latin;
    void name_initials;
    void name_grams;
    return {
      exportedAt: ctx.clock.now().toISOString(),
      profile: stored,
      consentHistory,
      auditLog: audit,
      events,
      imports,
    };
  });
}
