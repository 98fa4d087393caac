import { randomUUID } from 'node:crypto';
import type { Store } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { duplicateAs, versionedResult } from '../../platform/versioned';

type StoreInput = {
  code: string;
  name: string;
  address: string;
  phone: string;
  timeZone: string | null;
  active: boolean;
};

const COLUMNS = [
  'store_id',
  'code',
  'name',
  'address',
  'phone',
  'time_zone',
  'active',
  'version',
] as const;

const find = (tx: Tx, storeId: string) =>
  tx.selectFrom('stores').select(COLUMNS).where('store_id', '=', storeId).executeTakeFirst();

type StoreRow = NonNullable<Awaited<ReturnType<typeof find>>>;

const toStore = (r: StoreRow): Store => ({
  storeId: r.store_id,
  code: r.code,
  name: r.name,
  address: r.address,
  phone: r.phone,
  timeZone: r.time_zone,
  active: r.active,
  version: r.version,
});

export async function listStores(ctx: AppContext, auth: AuthContext): Promise<Store[]> {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.selectFrom('stores').select(COLUMNS).orderBy('code').execute(),
  );
  return rows.map(toStore);
}

export async function getStore(ctx: AppContext, auth: AuthContext, storeId: string) {
  const row = await ctx.db.withTenant(auth.tenantId, (tx) => find(tx, storeId));
  if (!row) throw notFound('store');
  return toStore(row);
}

export async function createStore(ctx: AppContext, auth: AuthContext, input: StoreInput) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const storeId = randomUUID();
    await tx
      .insertInto('stores')
      .values({
        tenant_id: auth.tenantId,
        store_id: storeId,
        code: input.code,
        name: input.name,
        address: input.address,
        phone: input.phone,
        time_zone: input.timeZone,
        active: input.active,
      })
      .execute()
      .catch(duplicateAs('code'));
    const store = toStore((await find(tx, storeId))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'store.created',
      entityType: 'store',
      entityId: storeId,
      after: store,
    });
    return store;
  });
}

export async function updateStore(
  ctx: AppContext,
  auth: AuthContext,
  storeId: string,
  input: StoreInput & { version: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await find(tx, storeId);
    if (!before) throw notFound('store');
    await versionedResult(
      await tx
        .updateTable('stores')
        .set((eb) => ({
          code: input.code,
          name: input.name,
          address: input.address,
          phone: input.phone,
          time_zone: input.timeZone,
          active: input.active,
          version: eb('version', '+', 1),
          updated_at: ctx.clock.now(),
        }))
        .where('store_id', '=', storeId)
        .where('version', '=', input.version)
        .returning('store_id')
        .executeTakeFirst()
        .catch(duplicateAs('code')),
      async () => true,
      'store',
    );
    const after = toStore((await find(tx, storeId))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'store.updated',
      entityType: 'store',
      entityId: storeId,
      before: toStore(before),
      after,
    });
    return after;
  });
}
