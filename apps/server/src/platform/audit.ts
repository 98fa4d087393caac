import type { Tx } from '@regulars/db';

/** Who did something: a signed-in staff member, an API key, the system itself, or a member. */
export type Actor = {
  type: 'staff' | 'api_key' | 'system' | 'member';
  id: string | null;
  name: string | null;
  requestId: string | null;
};

export const systemActor = (name = 'system'): Actor => ({
  type: 'system',
  id: null,
  name,
  requestId: null,
});

const SECRET_KEYS = /password|secret|token|hash/i;

/** Drops secrets from a before/after snapshot: the audit log records that they changed, not them. */
function scrub(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[hidden]' : scrub(v)]),
  );
}

/** Appends to the tenant's audit log in the caller's transaction (the table is insert-only). */
export async function recordAudit(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  entry: {
    action: string;
    entityType: string;
    entityId?: string | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_name: actor.name,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(scrub(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(scrub(entry.after)),
      request_id: actor.requestId,
    })
    .execute();
}
