import { randomUUID } from 'node:crypto';
import {
  SYSTEM_ROLES,
  SYSTEM_ROLE_KEYS,
  type Language,
  type SystemRoleKey,
} from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { recordAudit, type Actor } from '../../platform/audit';
import { duplicateAs } from '../../platform/versioned';
import { hashPassword } from './secrets';

export type NewTenant = {
  name: string;
  slug: string;
  defaultLanguage: Language;
  timeZone: string;
  currency: string;
  phoneCountry: string;
  isDemo?: boolean;
};

export type NewStaff = {
  name: string;
  email: string;
  password: string;
  role: SystemRoleKey;
  storeIds?: string[] | null;
};

export type CreatedTenant = {
  tenantId: string;
  roleIds: Record<SystemRoleKey, string>;
  storeIds: string[];
  staffIds: string[];
};

/**
 * Creates a business with its built-in roles, its stores (a first one named after the business
 * when none are given) and its first staff accounts, in one transaction.
 */
export async function createTenant(
  ctx: AppContext,
  input: NewTenant & {
    stores?: { code: string; name: string; address?: string }[];
    staff: NewStaff[];
  },
  actor: Actor,
  opts: { onlyIfEmpty?: boolean } = {},
): Promise<CreatedTenant> {
  const tenantId = randomUUID();
  const hashes = await Promise.all(input.staff.map((s) => hashPassword(s.password)));
  return ctx.db.withTenant(tenantId, async (tx) => {
    if (opts.onlyIfEmpty) {
      // Serialises concurrent first-run requests; the loser sees a non-empty installation.
      await sql`SELECT pg_advisory_xact_lock(724113002)`.execute(tx);
      const empty = await sql<{ e: boolean }>`SELECT installation_is_empty() AS e`.execute(tx);
      if (!empty.rows[0]?.e) throw new AppError('setup.already_done');
    }
    await tx
      .insertInto('tenants')
      .values({
        tenant_id: tenantId,
        slug: input.slug,
        name: input.name,
        default_language: input.defaultLanguage,
        time_zone: input.timeZone,
        currency: input.currency,
        phone_country: input.phoneCountry,
        is_demo: input.isDemo ?? false,
      })
      .execute()
      .catch(duplicateAs('slug'));
    const roleIds = await insertSystemRoles(tx, tenantId, input.defaultLanguage);
    const stores = input.stores?.length ? input.stores : [{ code: 'MAIN', name: input.name }];
    const storeIds: string[] = [];
    for (const s of stores) {
      const storeId = randomUUID();
      storeIds.push(storeId);
      await tx
        .insertInto('stores')
        .values({
          tenant_id: tenantId,
          store_id: storeId,
          code: s.code,
          name: s.name,
          address: s.address ?? '',
          time_zone: null,
        })
        .execute();
    }
    const staffIds: string[] = [];
    for (const [i, s] of input.staff.entries()) {
      const staffId = randomUUID();
      staffIds.push(staffId);
      await tx
        .insertInto('staff')
        .values({
          tenant_id: tenantId,
          staff_id: staffId,
          email: s.email.toLowerCase(),
          name: s.name,
          password_hash: hashes[i]!,
          role_id: roleIds[s.role],
          store_ids: s.storeIds ?? null,
          phone_extension: null,
          language: null,
        })
        .execute();
    }
    await recordAudit(tx, tenantId, actor, {
      action: 'tenant.created',
      entityType: 'tenant',
      entityId: tenantId,
      after: { name: input.name, slug: input.slug, stores: stores.length, staff: staffIds.length },
    });
    await ctx.events.record(tx, tenantId, 'tenant.created', { isDemo: input.isDemo ?? false });
    return { tenantId, roleIds, storeIds, staffIds };
  });
}

async function insertSystemRoles(
  tx: Tx,
  tenantId: string,
  lang: Language,
): Promise<Record<SystemRoleKey, string>> {
  const ids = {} as Record<SystemRoleKey, string>;
  for (const key of SYSTEM_ROLE_KEYS) {
    ids[key] = randomUUID();
    await tx
      .insertInto('roles')
      .values({
        tenant_id: tenantId,
        role_id: ids[key],
        system_key: key,
        name: SYSTEM_ROLES[key].label[lang],
        permissions: SYSTEM_ROLES[key].permissions,
      })
      .execute();
  }
  return ids;
}
