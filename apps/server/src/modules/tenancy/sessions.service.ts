import { randomUUID } from 'node:crypto';
import { Language, type Session } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { effectivePermissions } from './roles.service';
import { burnPasswordCheck, randomToken, sha256, verifyPassword } from './secrets';

export type SignInResult = { token: string; session: Session };

/**
 * Signs a staff member in with business code, email and password. Repeated failures lock the
 * account for a while; an unknown business code or email costs the same time as a wrong password.
 */
export async function signIn(
  ctx: AppContext,
  input: { businessCode: string; email: string; password: string },
  requestId: string,
): Promise<SignInResult> {
  const { db, clock, config } = ctx;
  const found = await db.withoutTenant(async (tx) => {
    const r = await sql<{
      tenant_id: string;
      staff_id: string;
      password_hash: string;
      active: boolean;
      locked_until: Date | null;
    }>`SELECT * FROM auth_staff_for_sign_in(${input.businessCode}, ${input.email})`.execute(tx);
    return r.rows[0];
  });
  if (!found || !found.active) {
    await burnPasswordCheck(input.password);
    throw new AppError('auth.invalid_credentials');
  }
  const now = clock.now();
  if (found.locked_until && found.locked_until > now) {
    const minutes = Math.ceil((found.locked_until.getTime() - now.getTime()) / 60_000);
    throw new AppError('auth.locked', { minutes });
  }
  const ok = await verifyPassword(found.password_hash, input.password);
  const tenantId = found.tenant_id;
  if (!ok) {
    const locked = await db.withTenant(tenantId, async (tx) => {
      const row = await tx
        .updateTable('staff')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('staff_id', '=', found.staff_id)
        .returning(['failed_attempts', 'name'])
        .executeTakeFirstOrThrow();
      if (row.failed_attempts < config.lockoutThreshold) return false;
      await tx
        .updateTable('staff')
        .set({
          locked_until: new Date(now.getTime() + config.lockoutMinutes * 60_000),
          failed_attempts: 0,
        })
        .where('staff_id', '=', found.staff_id)
        .execute();
      await recordAudit(
        tx,
        tenantId,
        { type: 'system', id: null, name: 'sign-in', requestId },
        { action: 'staff.locked', entityType: 'staff', entityId: found.staff_id },
      );
      return true;
    });
    if (locked) throw new AppError('auth.locked', { minutes: config.lockoutMinutes });
    throw new AppError('auth.invalid_credentials');
  }
  const token = randomToken();
  const session = await db.withTenant(tenantId, async (tx) => {
    const staff = await tx
      .updateTable('staff')
      .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now })
      .where('staff_id', '=', found.staff_id)
      .returning(['store_ids', 'name'])
      .executeTakeFirstOrThrow();
    const firstStore = await tx
      .selectFrom('stores')
      .select('store_id')
      .where('active', '=', true)
      .$if(staff.store_ids !== null, (q) => q.where('store_id', 'in', staff.store_ids ?? []))
      .orderBy('code')
      .executeTakeFirst();
    const sessionId = randomUUID();
    await tx
      .insertInto('sessions')
      .values({
        tenant_id: tenantId,
        session_id: sessionId,
        token_hash: sha256(token),
        staff_id: found.staff_id,
        csrf_token: randomToken(24),
        store_id: firstStore?.store_id ?? null,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + config.sessionIdleMinutes * 60_000),
      })
      .execute();
    await recordAudit(
      tx,
      tenantId,
      { type: 'staff', id: found.staff_id, name: staff.name, requestId },
      { action: 'staff.signed_in', entityType: 'staff', entityId: found.staff_id },
    );
    return describeSession(tx, sessionId);
  });
  return { token, session };
}

/** The session as the admin sees it: who, which tenant, which role and stores. */
export async function describeSession(tx: Tx, sessionId: string): Promise<Session> {
  const row = await tx
    .selectFrom('sessions as se')
    .innerJoin('staff as s', 's.staff_id', 'se.staff_id')
    .innerJoin('roles as r', 'r.role_id', 's.role_id')
    .innerJoin('tenants as t', 't.tenant_id', 'se.tenant_id')
    .select([
      'se.session_id',
      'se.csrf_token',
      'se.store_id',
      'se.expires_at',
      's.staff_id',
      's.name as staff_name',
      's.email',
      's.language',
      's.store_ids',
      'r.role_id',
      'r.name as role_name',
      'r.system_key',
      'r.permissions',
      't.tenant_id',
      't.slug',
      't.name as tenant_name',
      't.default_language',
      't.brand_color',
    ])
    .where('se.session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const stores = await tx
    .selectFrom('stores')
    .select(['store_id', 'code', 'name'])
    .where('active', '=', true)
    .$if(row.store_ids !== null, (q) => q.where('store_id', 'in', row.store_ids ?? []))
    .orderBy('code')
    .execute();
  return {
    staff: {
      staffId: row.staff_id,
      name: row.staff_name,
      email: row.email,
      language: Language.nullable().parse(row.language),
    },
    tenant: {
      tenantId: row.tenant_id,
      slug: row.slug,
      name: row.tenant_name,
      defaultLanguage: Language.parse(row.default_language),
      brandColor: row.brand_color,
    },
    role: {
      roleId: row.role_id,
      name: row.role_name,
      systemKey: row.system_key as Session['role']['systemKey'],
    },
    permissions: effectivePermissions(row.system_key, row.permissions),
    stores: stores.map((s) => ({ storeId: s.store_id, code: s.code, name: s.name })),
    storeId: row.store_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at.toISOString(),
  };
}

/**
 * Resolves a session cookie to its caller in one round trip (a narrow lookup by the token's
 * hash). Sliding expiry: each use moves the end forward, written at most once a minute.
 */
export async function resolveSession(
  ctx: AppContext,
  token: string,
  requestId: string,
): Promise<AuthContext> {
  const { db, clock, config } = ctx;
  const r = await sql<{
    tenant_id: string;
    session_id: string;
    staff_id: string;
    staff_name: string;
    language: string | null;
    active: boolean;
    store_ids: string[] | null;
    store_id: string | null;
    csrf_token: string;
    expires_at: Date;
    revoked_at: Date | null;
    system_key: string | null;
    permissions: string[];
  }>`SELECT * FROM auth_session_caller(${sha256(token)})`.execute(db.app);
  const c = r.rows[0];
  if (!c || c.revoked_at || !c.active) throw new AppError('auth.required');
  const now = clock.now();
  if (c.expires_at <= now) throw new AppError('auth.session_expired');
  const idleMs = config.sessionIdleMinutes * 60_000;
  if (c.expires_at.getTime() - now.getTime() < idleMs - 60_000) {
    await db.withTenant(c.tenant_id, (tx) =>
      tx
        .updateTable('sessions')
        .set({ last_seen_at: now, expires_at: new Date(now.getTime() + idleMs) })
        .where('session_id', '=', c.session_id)
        .execute(),
    );
  }
  return {
    kind: 'staff',
    tenantId: c.tenant_id,
    actor: { type: 'staff', id: c.staff_id, name: c.staff_name, requestId },
    permissions: new Set(effectivePermissions(c.system_key, c.permissions)),
    storeId: c.store_id,
    allowedStoreIds: c.store_ids,
    sessionId: c.session_id,
    csrfToken: c.csrf_token,
    language: Language.nullable().catch(null).parse(c.language),
  };
}

export async function signOut(ctx: AppContext, auth: AuthContext): Promise<void> {
  if (!auth.sessionId) return;
  await ctx.db.withTenant(auth.tenantId, async (tx) => {
    await tx
      .updateTable('sessions')
      .set({ revoked_at: ctx.clock.now() })
      .where('session_id', '=', auth.sessionId!)
      .execute();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'staff.signed_out',
      entityType: 'staff',
      entityId: auth.actor.id,
    });
  });
}

/** Moves the session to another store the staff member may work in. */
export async function switchStore(ctx: AppContext, auth: AuthContext, storeId: string) {
  if (auth.allowedStoreIds && !auth.allowedStoreIds.includes(storeId))
    throw new AppError('store.not_allowed');
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const store = await tx
      .selectFrom('stores')
      .select('store_id')
      .where('store_id', '=', storeId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!store) throw notFound('store');
    await tx
      .updateTable('sessions')
      .set({ store_id: storeId })
      .where('session_id', '=', auth.sessionId!)
      .execute();
    return describeSession(tx, auth.sessionId!);
  });
}
