import { IdParams } from '@regulars/contracts';
import type { Access } from '@regulars/contracts';
import { z } from 'zod';
import { authOf, type AuthContext } from './context';
import type { Api } from './routes';

/**
 * A collection a business configures (tiers, rewards, missions, products…): list it, add to it,
 * and change one by id — the same three routes, declared once. Routes that differ (delete,
 * actions on one item) are declared next to the call as usual.
 */
export function collectionRoutes<
  Item extends z.ZodType,
  Create extends z.ZodType,
  Update extends z.ZodType,
>(
  api: Api,
  path: string,
  c: {
    tags: string[];
    read: Access;
    write: Access;
    item: Item;
    create: Create;
    update: Update;
    list: (auth: AuthContext) => Promise<z.output<Item>[]>;
    add: (auth: AuthContext, body: z.output<Create>) => Promise<z.output<Item>>;
    change: (auth: AuthContext, id: string, body: z.output<Update>) => Promise<z.output<Item>>;
  },
): void {
  const { tags, item } = c;
  // Typed as any schema: the reply types of generic routes do not resolve; `item` checks replies.
  const one: z.ZodType = item;
  api.get(
    path,
    { config: { access: c.read }, schema: { tags, response: { 200: z.array(item) } } },
    async (req) => c.list(authOf(req)),
  );
  api.post(
    path,
    { config: { access: c.write }, schema: { tags, body: c.create, response: { 200: one } } },
    async (req) => c.add(authOf(req), req.body as z.output<Create>),
  );
  api.put(
    `${path}/:id`,
    {
      config: { access: c.write },
      schema: { tags, params: IdParams, body: c.update, response: { 200: one } },
    },
    async (req) => c.change(authOf(req), req.params.id, req.body as z.output<Update>),
  );
}
