import { randomUUID } from 'node:crypto';
import type { Language, Staff } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { duplicateAs, versionedResult } from '../../platform/versioned';
import { hashPassword } from './secrets';

type StaffRow = {
  staff_id: string;
  email: string;
  name: string;
  role_id: string;
  store_ids: string[] | null;
  phone_extension: string | null;
  language: string | null;
  active: boolean;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  version: number;
};

const toStaff = (r: StaffRow, now: Date): Staff => ({
  staffId: r.staff_id,
  email: r.email,
  name: r.name,
  roleId: r.role_id,
  storeIds: r.store_ids,
  phoneExtension: r.phone_extension,
  language: r.language as Language | null,
  active: r.active,
  locked: !!r.locked_until && r.locked_until > now,
  lastSignInAt: r.last_sign_in_at?.toISOString() ?? null,
  version: r.version,
});

/** What the audit log keeps of a staff account (never the password hash). */
const auditView = (s: Staff) => ({
  email: s.email,
  name: s.name,
  roleId: s.roleId,
  storeIds: s.storeIds,
  phoneExtension: s.phoneExtension,
  language: s.language,
  active: s.active,
});

const COLUMNS = [
  'staff_id',
  'email',
  'name',
  'role_id',
  'store_ids',
  'phone_extension',
  'language',
  'active',
  'locked_until',
  'last_sign_in_at',
  'version',
] as const;

export async function listStaff(ctx: AppContext, auth: AuthContext): Promise<Staff[]> {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.selectFrom('staff').select(COLUMNS).orderBy('name').execute(),
  );
  return rows.map((r) => toStaff(r, ctx.clock.now()));
}

/** Who works here, by name only: enough to assign a task, nothing an administrator alone may see. */
export async function staffDirectory(ctx: AppContext, auth: AuthContext) {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('staff')
      .select(['staff_id', 'name'])
      .where('active', '=', true)
      .orderBy('name')
      .execute(),
  );
  return rows.map((r) => ({ staffId: r.staff_id, name: r.name }));
}

async function findStaff(tx: Tx, staffId: string) {
  return tx.selectFrom('staff').select(COLUMNS).where('staff_id', '=', staffId).executeTakeFirst();
}

export async function getStaff(ctx: AppContext, auth: AuthContext, staffId: string) {
  const row = await ctx.db.withTenant(auth.tenantId, (tx) => findStaff(tx, staffId));
  if (!row) throw notFound('staff');
  return toStaff(row, ctx.clock.now());
}

/** Role and stores must belong to this tenant (RLS hides others', so they are "not found"). */
async function checkRefs(tx: Tx, roleId: string, storeIds: string[] | null) {
  const role = await tx
    .selectFrom('roles')
    .select('role_id')
    .where('role_id', '=', roleId)
    .executeTakeFirst();
  if (!role) throw notFound('role');
  if (storeIds?.length) {
    const n = await tx
      .selectFrom('stores')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('store_id', 'in', storeIds)
      .executeTakeFirstOrThrow();
    if (Number(n.n) !== new Set(storeIds).size) throw notFound('store');
  }
}

type StaffInput = {
  name: string;
  email: string;
  roleId: string;
  storeIds: string[] | null;
  phoneExtension: string | null;
  language: Language | null;
};

export async function createStaff(
  ctx: AppContext,
  auth: AuthContext,
  input: StaffInput & { password: string },
): Promise<Staff> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await checkRefs(tx, input.roleId, input.storeIds);
    const staffId = randomUUID();
    await tx
      .insertInto('staff')
      .values({
        tenant_id: auth.tenantId,
        staff_id: staffId,
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
        role_id: input.roleId,
        store_ids: input.storeIds && [...new Set(input.storeIds)],
        phone_extension: input.phoneExtension,
        language: input.language,
      })
      .execute()
      .catch(duplicateAs('email'));
    const created = toStaff((await findStaff(tx, staffId))!, ctx.clock.now());
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'staff.created',
      entityType: 'staff',
      entityId: staffId,
      after: auditView(created),
    });
    return created;
  });
}

/** Fails if the change would leave the tenant without an active system administrator. */
async function keepAnAdmin(tx: Tx, staffId: string) {
  // Two administrators demoting each other at once must not both succeed: take turns.
  await sql`SELECT pg_advisory_xact_lock(hashtext('regulars.admins:' || current_tenant_id()::text))`.execute(
    tx,
  );
  const admins = await tx
    .selectFrom('staff as s')
    .innerJoin('roles as r', 'r.role_id', 's.role_id')
    .select('s.staff_id')
    .where('r.system_key', '=', 'admin')
    .where('s.active', '=', true)
    .execute();
  if (admins.length === 0 || (admins.length === 1 && admins[0]!.staff_id === staffId)) return false;
  return true;
}

export async function updateStaff(
  ctx: AppContext,
  auth: AuthContext,
  staffId: string,
  input: StaffInput & { active: boolean; password?: string; unlock?: boolean; version: number },
): Promise<Staff> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const beforeRow = await findStaff(tx, staffId);
    if (!beforeRow) throw notFound('staff');
    const before = toStaff(beforeRow, ctx.clock.now());
    await checkRefs(tx, input.roleId, input.storeIds);
    const adminRole = await tx
      .selectFrom('roles')
      .select('role_id')
      .where('system_key', '=', 'admin')
      .executeTakeFirstOrThrow();
    const losesAdmin =
      beforeRow.role_id === adminRole.role_id &&
      (input.roleId !== adminRole.role_id || !input.active);
    if (losesAdmin && !(await keepAnAdmin(tx, staffId))) throw new AppError('staff.last_admin');
    await versionedResult(
      await tx
        .updateTable('staff')
        .set((eb) => ({
          name: input.name,
          email: input.email,
          role_id: input.roleId,
          store_ids: input.storeIds && [...new Set(input.storeIds)],
          phone_extension: input.phoneExtension,
          language: input.language,
          active: input.active,
          ...(passwordHash ? { password_hash: passwordHash } : {}),
          ...(input.unlock ? { locked_until: null, failed_attempts: 0 } : {}),
          version: eb('version', '+', 1),
          updated_at: ctx.clock.now(),
        }))
        .where('staff_id', '=', staffId)
        .where('version', '=', input.version)
        .returning('staff_id')
        .executeTakeFirst()
        .catch(duplicateAs('email')),
      async () => true,
      'staff',
    );
    // A deactivated account or a new password ends the account's open sessions.
    if (!input.active || passwordHash) {
      await tx
        .updateTable('sessions')
        .set({ revoked_at: ctx.clock.now() })
        .where('staff_id', '=', staffId)
        .where('revoked_at', 'is', null)
        .execute();
    }
    const after = toStaff((await findStaff(tx, staffId))!, ctx.clock.now());
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'staff.updated',
      entityType: 'staff',
      entityId: staffId,
      before: auditView(before),
      after: {
        ...auditView(after),
        ...(passwordHash ? { password: 'changed' } : {}),
        ...(input.unlock ? { unlocked: true } : {}),
      },
    });
    return after;
  });
}
