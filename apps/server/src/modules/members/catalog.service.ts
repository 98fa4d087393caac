import { randomUUID } from 'node:crypto';
import type { Category, Product } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { duplicateAs, versionedResult } from '../../platform/versioned';

const findCategory = (tx: Tx, id: string) =>
  tx.selectFrom('product_categories').selectAll().where('category_id', '=', id).executeTakeFirst();

const toCategory = (r: NonNullable<Awaited<ReturnType<typeof findCategory>>>): Category => ({
  categoryId: r.category_id,
  parentId: r.parent_id,
  name: r.name,
  path: r.path,
  position: r.position,
  version: r.version,
});

export async function listCategories(ctx: AppContext, auth: AuthContext): Promise<Category[]> {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.selectFrom('product_categories').selectAll().orderBy('path').orderBy('position').execute(),
  );
  return rows.map(toCategory);
}

async function pathFor(tx: Tx, parentId: string | null, self: string): Promise<string[]> {
  if (!parentId) return [self];
  const parent = await findCategory(tx, parentId);
  if (!parent) throw notFound('category');
  if (parent.path.includes(self)) throw new AppError('category.cycle');
  return [...parent.path, self];
}

export async function saveCategory(
  ctx: AppContext,
  auth: AuthContext,
  id: string | null,
  input: { name: string; parentId: string | null; position: number; version?: number },
): Promise<Category> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const categoryId = id ?? randomUUID();
    const path = await pathFor(tx, input.parentId, categoryId);
    if (!id) {
      await tx
        .insertInto('product_categories')
        .values({
          tenant_id: auth.tenantId,
          category_id: categoryId,
          parent_id: input.parentId,
          name: input.name,
          path,
          position: input.position,
        })
        .execute()
        .catch(duplicateAs('name'));
    } else {
      const before = await findCategory(tx, id);
      if (!before) throw notFound('category');
      await versionedResult(
        await tx
          .updateTable('product_categories')
          .set((eb) => ({
            name: input.name,
            parent_id: input.parentId,
            path,
            position: input.position,
            version: eb('version', '+', 1),
            updated_at: ctx.clock.now(),
          }))
          .where('category_id', '=', id)
          .where('version', '=', input.version ?? -1)
          .returning('category_id')
          .executeTakeFirst()
          .catch(duplicateAs('name')),
        async () => true,
        'category',
      );
      // A moved category takes its sub-tree with it.
      await sql`UPDATE product_categories SET path = ${sql.val(path)}::uuid[] || path[array_position(path, ${id}::uuid) + 1:]
                WHERE ${id}::uuid = ANY(path) AND category_id <> ${id}::uuid`.execute(tx);
    }
    const saved = toCategory((await findCategory(tx, categoryId))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: id ? 'category.updated' : 'category.created',
      entityType: 'category',
      entityId: categoryId,
      after: saved,
    });
    return saved;
  });
}

const findProduct = (tx: Tx, id: string) =>
  tx.selectFrom('products').selectAll().where('product_id', '=', id).executeTakeFirst();

export const toProduct = (r: NonNullable<Awaited<ReturnType<typeof findProduct>>>): Product => ({
  productId: r.product_id,
  sku: r.sku,
  name: r.name,
  priceMinor: Number(r.price_minor),
  categoryId: r.category_id,
  tags: r.tags,
  active: r.active,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

export async function searchProducts(
  ctx: AppContext,
  auth: AuthContext,
  f: { q?: string; categoryId?: string; cursor?: string; limit: number },
) {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) => {
    let q = tx.selectFrom('products').selectAll();
    if (f.q)
      q = q.where((eb) =>
        eb.or([
          eb('sku', '=', f.q!),
          eb('name', 'ilike', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        ]),
      );
    if (f.categoryId)
      q = q.where('category_id', 'in', (eb) =>
        eb
          .selectFrom('product_categories')
          .select('category_id')
          .where(sql<boolean>`${f.categoryId}::uuid = ANY(path)`),
      );
    if (f.cursor) q = q.where('sku', '>', f.cursor);
    return q
      .orderBy('sku')
      .limit(f.limit + 1)
      .execute();
  });
  const items = rows.slice(0, f.limit).map(toProduct);
  return { items, nextCursor: rows.length > f.limit ? items.at(-1)!.sku : null };
}

export async function getProduct(ctx: AppContext, auth: AuthContext, id: string) {
  const row = await ctx.db.withTenant(auth.tenantId, (tx) => findProduct(tx, id));
  if (!row) throw notFound('product');
  return toProduct(row);
}

/** Adds a product; a new product is news for members who bought its category ("the sequel arrived"). */
export async function createProduct(
  ctx: AppContext,
  auth: AuthContext,
  input: {
    sku: string;
    name: string;
    priceMinor: number;
    categoryId: string | null;
    tags: string[];
    active: boolean;
  },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    if (input.categoryId && !(await findCategory(tx, input.categoryId))) throw notFound('category');
    const productId = randomUUID();
    await tx
      .insertInto('products')
      .values({
        tenant_id: auth.tenantId,
        product_id: productId,
        sku: input.sku,
        name: input.name,
        price_minor: input.priceMinor,
        category_id: input.categoryId,
        tags: [...new Set(input.tags)],
        active: input.active,
        created_at: ctx.clock.now(),
      })
      .execute()
      .catch(duplicateAs('sku'));
    const product = toProduct((await findProduct(tx, productId))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'product.created',
      entityType: 'product',
      entityId: productId,
      after: product,
    });
    await ctx.events.record(tx, auth.tenantId, 'product.created', {
      productId,
      sku: product.sku,
      categoryId: product.categoryId,
    });
    return product;
  });
}

export async function updateProduct(
  ctx: AppContext,
  auth: AuthContext,
  id: string,
  input: Partial<{
    sku: string;
    name: string;
    priceMinor: number;
    categoryId: string | null;
    tags: string[];
    active: boolean;
  }> & { version: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await findProduct(tx, id);
    if (!before) throw notFound('product');
    if (input.categoryId && !(await findCategory(tx, input.categoryId))) throw notFound('category');
    await versionedResult(
      await tx
        .updateTable('products')
        .set((eb) => ({
          ...(input.sku !== undefined ? { sku: input.sku } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.priceMinor !== undefined ? { price_minor: input.priceMinor } : {}),
          ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
          ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          version: eb('version', '+', 1),
          updated_at: ctx.clock.now(),
        }))
        .where('product_id', '=', id)
        .where('version', '=', input.version)
        .returning('product_id')
        .executeTakeFirst()
        .catch(duplicateAs('sku')),
      async () => true,
      'product',
    );
    const after = toProduct((await findProduct(tx, id))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'product.updated',
      entityType: 'product',
      entityId: id,
      before: toProduct(before),
      after,
    });
    return after;
  });
}
