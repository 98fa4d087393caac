import { randomUUID } from 'node:crypto';
import {
  PERMISSIONS,
  SYSTEM_ROLES,
  SystemRoleKey,
  type Permission,
  type Role,
} from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { duplicateAs, versionedResult } from '../../platform/versioned';

/**
 * Built-in roles take their permissions from the code, so a permission added by a new module
 * reaches them without a data migration; custom roles hold exactly what was chosen.
 */
export function effectivePermissions(systemKey: string | null, stored: string[]): Permission[] {
  const key = SystemRoleKey.safeParse(systemKey);
  if (key.success) return SYSTEM_ROLES[key.data].permissions;
  return stored.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
}

const listQuery = (tx: Tx) =>
  tx.selectFrom('roles as r').select((eb) => [
    'r.role_id',
    'r.system_key',
    'r.name',
    'r.permissions',
    'r.version',
    eb
      .selectFrom('staff as s')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('s.role_id', '=', 'r.role_id')
      .as('staff_count'),
  ]);

type RoleRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

const toRole = (r: RoleRow): Role => ({
  roleId: r.role_id,
  systemKey: r.system_key as Role['systemKey'],
  name: r.name,
  permissions: effectivePermissions(r.system_key, r.permissions),
  staffCount: Number(r.staff_count ?? 0),
  version: r.version,
});

export async function listRoles(ctx: AppContext, auth: AuthContext): Promise<Role[]> {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    listQuery(tx).orderBy('r.system_key').orderBy('r.name').execute(),
  );
  return rows.map(toRole);
}

export async function getRole(ctx: AppContext, auth: AuthContext, roleId: string): Promise<Role> {
  const row = await ctx.db.withTenant(auth.tenantId, (tx) =>
    listQuery(tx).where('r.role_id', '=', roleId).executeTakeFirst(),
  );
  if (!row) throw notFound('role');
  return toRole(row);
}

export async function createRole(
  ctx: AppContext,
  auth: AuthContext,
  input: { name: string; permissions: Permission[] },
): Promise<Role> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const roleId = randomUUID();
    const permissions = [...new Set(input.permissions)];
    await tx
      .insertInto('roles')
      .values({
        tenant_id: auth.tenantId,
        role_id: roleId,
        system_key: null,
        name: input.name,
        permissions,
      })
      .execute()
      .catch(duplicateAs('name'));
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'role.created',
      entityType: 'role',
      entityId: roleId,
      after: { name: input.name, permissions },
    });
    return toRole(await listQuery(tx).where('r.role_id', '=', roleId).executeTakeFirstOrThrow());
  });
}

async function customRole(tx: Tx, roleId: string) {
  const before = await tx
    .selectFrom('roles')
    .selectAll()
    .where('role_id', '=', roleId)
    .executeTakeFirst();
  if (!before) throw notFound('role');
  if (before.system_key) throw new AppError('role.system_readonly');
  return before;
}

export async function updateRole(
  ctx: AppContext,
  auth: AuthContext,
  roleId: string,
  input: { name: string; permissions: Permission[]; version: number },
): Promise<Role> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await customRole(tx, roleId);
    const permissions = [...new Set(input.permissions)];
    await versionedResult(
      await tx
        .updateTable('roles')
        .set((eb) => ({
          name: input.name,
          permissions,
          version: eb('version', '+', 1),
          updated_at: ctx.clock.now(),
        }))
        .where('role_id', '=', roleId)
        .where('version', '=', input.version)
        .returning('role_id')
        .executeTakeFirst()
        .catch(duplicateAs('name')),
      async () => true,
      'role',
    );
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'role.updated',
      entityType: 'role',
      entityId: roleId,
      before: { name: before.name, permissions: before.permissions },
      after: { name: input.name, permissions },
    });
    return toRole(await listQuery(tx).where('r.role_id', '=', roleId).executeTakeFirstOrThrow());
  });
}

export async function deleteRole(
  ctx: AppContext,
  auth: AuthContext,
  roleId: string,
): Promise<void> {
  await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await customRole(tx, roleId);
    const holder = await tx
      .selectFrom('staff')
      .select('staff_id')
      .where('role_id', '=', roleId)
      .executeTakeFirst();
    if (holder) throw new AppError('role.in_use');
    await tx.deleteFrom('roles').where('role_id', '=', roleId).execute();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'role.deleted',
      entityType: 'role',
      entityId: roleId,
      before: { name: before.name, permissions: before.permissions },
    });
  });
}
