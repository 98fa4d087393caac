import {
  cellText,
  isBlank,
  minorDigits,
  normalizeProductRow,
  type ProductImportValues,
  type RowProblem,
} from '@regulars/core';
import type { AppContext } from '../../http/context';
import { createProduct, listCategories, saveCategory, updateProduct } from '../members';
import {
  emptyResult,
  type ImportJob,
  type KindRunner,
  type PreparedRow,
  type RunnerFactory,
} from './import-run';

const pathKey = (names: string[]) => names.map((n) => n.toLowerCase()).join('\u0001');

/** Categories by their path of names ("飲料/茶"), created through the catalog when missing. */
async function categoryResolver(ctx: AppContext, job: ImportJob) {
  const all = await listCategories(ctx, job.auth);
  const nameOf = new Map(all.map((c) => [c.categoryId, c.name]));
  const byPath = new Map(
    all.map((c) => [pathKey(c.path.map((id) => nameOf.get(id) ?? '')), c.categoryId]),
  );
  return {
    /** The category's id, or null in a dry run when it would be created. */
    find: (names: string[]) => byPath.get(pathKey(names)) ?? null,
    async ensure(names: string[]): Promise<string> {
      let parentId: string | null = null;
      for (let depth = 1; depth <= names.length; depth++) {
        const key = pathKey(names.slice(0, depth));
        let id = byPath.get(key);
        if (!id) {
          const made = await saveCategory(ctx, job.auth, null, {
            name: names[depth - 1]!,
            parentId,
            position: 0,
          });
          id = made.categoryId;
          byPath.set(key, id);
        }
        parentId = id;
      }
      return parentId!;
    },
  };
}

/**
 * Products: upserted by SKU through the catalog's own services (audit, `product.created`),
 * their categories found by path of names and created as needed; the first row of a SKU wins.
 */
export const productRunner: RunnerFactory = async (ctx, tx, _imp, job) => {
  const tenant = await tx.selectFrom('tenants').select('currency').executeTakeFirstOrThrow();
  const digits = minorDigits(tenant.currency);
  const categories = await categoryResolver(ctx, job);
  const skuCol = job.columnOf('sku');
  const prepare = (row: number, cells: Parameters<typeof normalizeProductRow>[0]) => {
    const r = normalizeProductRow(cells, job.mapping, { digits });
    return (r.kind === 'ok' ? { row, ...r } : { row, ...r }) as PreparedRow<ProductImportValues>;
  };
  const seen = new Set<string>();
  const duplicates = new Map<number, RowProblem>();
  const runner: KindRunner<ProductImportValues> = {
    scan(_index, row, cells) {
      // Only the key matters here: the SKU as the row normaliser would read it.
      const cell = cells[skuCol] ?? null;
      const sku = cellText(cell).replace(/\s/g, '');
      if (!sku || isBlank(cell)) return;
      if (seen.has(sku))
        duplicates.set(row, { column: skuCol, value: sku, reason: 'row.duplicate' });
      else seen.add(sku);
    },
    settle(_index, row, cells) {
      const dup = duplicates.get(row);
      return dup ? { row, kind: 'rejected', problems: [dup] } : prepare(row, cells);
    },
    async write(rtx, rows) {
      const result = emptyResult();
      const skus = rows.flatMap((r) => (r.kind === 'ok' ? [r.values.sku] : []));
      const existing = new Map(
        (skus.length
          ? await rtx.selectFrom('products').selectAll().where('sku', 'in', skus).execute()
          : []
        ).map((p) => [p.sku, p]),
      );
      for (const r of rows) {
        if (r.kind === 'empty') result.skipped++;
        else if (r.kind === 'rejected') result.rejects.push(r);
        else {
          const v = r.values;
          const before = existing.get(v.sku);
          const reject = (field: string) =>
            result.rejects.push({
              row: r.row,
              problems: [{ column: job.columnOf(field), value: '', reason: 'value.required' }],
            });
          if (!before) {
            if (!v.name) reject('name');
            else if (v.priceMinor === undefined) reject('price');
            else {
              result.created++;
              if (job.dryRun) continue;
              await createProduct(ctx, job.auth, {
                sku: v.sku,
                name: v.name,
                priceMinor: v.priceMinor,
                categoryId: v.category ? await categories.ensure(v.category) : null,
                tags: v.tags,
                active: v.active ?? true,
              });
            }
            continue;
          }
          const categoryId = v.category ? categories.find(v.category) : before.category_id;
          const tags = [...new Set([...before.tags, ...v.tags])];
          const changes = {
            ...(v.name !== undefined && v.name !== before.name ? { name: v.name } : {}),
            ...(v.priceMinor !== undefined && v.priceMinor !== Number(before.price_minor)
              ? { priceMinor: v.priceMinor }
              : {}),
            ...(categoryId !== before.category_id ? { categoryId } : {}),
            ...(tags.length !== before.tags.length ? { tags } : {}),
            ...(v.active !== undefined && v.active !== before.active ? { active: v.active } : {}),
          };
          if (!Object.keys(changes).length) {
            result.unchanged++;
            continue;
          }
          result.updated++;
          if (job.dryRun) continue;
          if ('categoryId' in changes && v.category)
            changes.categoryId = await categories.ensure(v.category);
          await updateProduct(ctx, job.auth, before.product_id, {
            ...changes,
            version: before.version,
          });
        }
      }
      return result;
    },
    audit: { done: 'products.imported', dryRun: 'products.import_dry_run' },
  };
  return runner as KindRunner<unknown>;
};
