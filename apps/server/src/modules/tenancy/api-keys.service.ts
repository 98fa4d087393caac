import { randomBytes, randomUUID } from 'node:crypto';
import type { Permission } from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { randomToken, sameSecret, sha256 } from './secrets';

const KEY_PATTERN = /^(rk_live_[a-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const newPrefix = () =>
  'rk_live_' + Array.from(randomBytes(12), (b) => ALPHABET[b % ALPHABET.length]).join('');

type ApiKeyRow = {
  api_key_id: string;
  prefix: string;
  name: string;
  store_id: string | null;
  permissions: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export const toApiKey = (r: ApiKeyRow) => ({
  apiKeyId: r.api_key_id,
  prefix: r.prefix,
  name: r.name,
  storeId: r.store_id,
  permissions: r.permissions as Permission[],
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/**
 * Creates a key for a POS or another system. The secret is random (256 bits), so a fast hash
 * suffices to store it; it is returned once and never again.
 */
export async function createApiKey(
  ctx: AppContext,
  auth: AuthContext,
  input: { name: string; storeId: string | null; permissions: Permission[] },
) {
  const prefix = newPrefix();
  const secret = randomToken(32);
  const row = await ctx.db.withTenant(auth.tenantId, async (tx) => {
    if (input.storeId) {
      const store = await tx
        .selectFrom('stores')
        .select('store_id')
        .where('store_id', '=', input.storeId)
        .executeTakeFirst();
      if (!store) throw notFound('store');
    }
    const created = await tx
      .insertInto('api_keys')
      .values({
        tenant_id: auth.tenantId,
        api_key_id: randomUUID(),
        prefix,
        secret_hash: sha256(secret).toString('hex'),
        name: input.name,
        store_id: input.storeId,
        permissions: input.permissions,
        created_by: auth.actor.id,
        created_at: ctx.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: created.api_key_id,
      after: toApiKey(created),
    });
    return created;
  });
  return { apiKey: toApiKey(row), secret: `${prefix}_${secret}` };
}

/** Resolves `Authorization: Bearer rk_live_…` to its caller. */
export async function resolveApiKey(
  ctx: AppContext,
  presented: string,
  requestId: string,
): Promise<AuthContext> {
  const m = KEY_PATTERN.exec(presented);
  if (!m) throw new AppError('auth.api_key_invalid');
  const [, prefix, secret] = m as unknown as [string, string, string];
  const r = await sql<{
    tenant_id: string;
    api_key_id: string;
    secret_hash: string;
    name: string;
    store_id: string | null;
    permissions: string[];
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>`SELECT * FROM auth_api_key_caller(${prefix})`.execute(ctx.db.app);
  const key = r.rows[0];
  if (!key || key.revoked_at || !sameSecret(key.secret_hash, sha256(secret).toString('hex')))
    throw new AppError('auth.api_key_invalid');
  // "Last used" to the minute: a read stays a read (no write, no flush) on every other request.
  const now = ctx.clock.now();
  if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() > 60_000) {
    await ctx.db.withTenant(key.tenant_id, (tx) =>
      tx
        .updateTable('api_keys')
        .set({ last_used_at: now })
        .where('api_key_id', '=', key.api_key_id)
        .execute(),
    );
  }
  return {
    kind: 'api_key',
    tenantId: key.tenant_id,
    actor: { type: 'api_key', id: key.api_key_id, name: key.name, requestId },
    permissions: new Set(key.permissions as Permission[]),
    storeId: key.store_id,
    allowedStoreIds: key.store_id ? [key.store_id] : null,
    sessionId: null,
    csrfToken: null,
    language: null,
  };
}

export async function revokeApiKey(ctx: AppContext, auth: AuthContext, apiKeyId: string) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const row = await tx
      .updateTable('api_keys')
      .set({ revoked_at: ctx.clock.now() })
      .where('api_key_id', '=', apiKeyId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('api_key');
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: apiKeyId,
    });
    return toApiKey(row);
  });
}

export async function listApiKeys(ctx: AppContext, auth: AuthContext) {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute(),
  );
  return rows.map(toApiKey);
}
