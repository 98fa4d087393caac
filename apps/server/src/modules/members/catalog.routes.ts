import { z } from 'zod';
import {
  Category,
  CategoryCreate,
  CategoryUpdate,
  IdParams,
  Page,
  Product,
  ProductCreate,
  ProductSearch,
  ProductUpdate,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import {
  createProduct,
  getProduct,
  listCategories,
  saveCategory,
  searchProducts,
  updateProduct,
} from './catalog.service';

const tags = ['Products'];
const READ = { access: 'members.browse' } as const;
const WRITE = { access: 'settings.maintain' } as const;

/** The product catalog: products (SKU, name, price, tags) in a category tree. */
export function registerCatalogRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/product-categories',
    { config: READ, schema: { tags, response: { 200: z.array(Category) } } },
    async (req) => listCategories(ctx, authOf(req)),
  );
  api.post(
    '/product-categories',
    { config: WRITE, schema: { tags, body: CategoryCreate, response: { 200: Category } } },
    async (req) => saveCategory(ctx, authOf(req), null, req.body),
  );
  api.put(
    '/product-categories/:id',
    {
      config: WRITE,
      schema: { tags, params: IdParams, body: CategoryUpdate, response: { 200: Category } },
    },
    async (req) => saveCategory(ctx, authOf(req), req.params.id, req.body),
  );
  api.get(
    '/products',
    {
      config: READ,
      schema: { tags, querystring: ProductSearch, response: { 200: Page(Product) } },
    },
    async (req) => searchProducts(ctx, authOf(req), req.query),
  );
  api.get(
    '/products/:id',
    { config: READ, schema: { tags, params: IdParams, response: { 200: Product } } },
    async (req) => getProduct(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/products',
    { config: WRITE, schema: { tags, body: ProductCreate, response: { 200: Product } } },
    async (req) => createProduct(ctx, authOf(req), req.body),
  );
  api.patch(
    '/products/:id',
    {
      config: WRITE,
      schema: { tags, params: IdParams, body: ProductUpdate, response: { 200: Product } },
    },
    async (req) => updateProduct(ctx, authOf(req), req.params.id, req.body),
  );
}
