import type { AuditEntry } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../http/context';

export type AuditFilter = {
  cursor?: string;
  limit: number;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
};

/** Newest first, keyset-paginated on the log's sequence number. */
export async function listAudit(ctx: AppContext, auth: AuthContext, f: AuditFilter) {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('audit_log')
      .selectAll()
      .$if(!!f.cursor, (q) => q.where('audit_id', '<', f.cursor!))
      .$if(!!f.entityType, (q) => q.where('entity_type', '=', f.entityType!))
      .$if(!!f.entityId, (q) => q.where('entity_id', '=', f.entityId!))
      .$if(!!f.actorId, (q) => q.where('actor_id', '=', f.actorId!))
      .$if(!!f.action, (q) => q.where('action', '=', f.action!))
      .orderBy('audit_id', 'desc')
      .limit(f.limit + 1)
      .execute(),
  );
  const page = rows.slice(0, f.limit);
  const items: AuditEntry[] = page.map((r) => ({
    auditId: String(r.audit_id),
    at: r.at.toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
  }));
  return { items, nextCursor: rows.length > f.limit ? items.at(-1)!.auditId : null };
}
