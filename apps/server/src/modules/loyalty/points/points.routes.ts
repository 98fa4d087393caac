import {
  IdParams,
  MemberPoints,
  Page,
  PageQuery,
  PointsAdjustment,
  PointsEntry,
  PointsMovement,
  StoredValueAccount,
} from '@regulars/contracts';
import { authOf } from '../../../http/context';
import type { Api } from '../../../http/routes';
import { storedValueAccount } from '../stored-value/stored-value';
import { adjustPoints, assertMember, memberPoints, pointsHistory } from './points.service';

const BROWSE = { access: 'members.browse' } as const;
const tags = ['Loyalty'];

/** A member's points (balance, batches, history with explanations, adjustment) and stored value. */
export function registerPointsRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/members/:id/points',
    { config: BROWSE, schema: { tags, params: IdParams, response: { 200: MemberPoints } } },
    async (req) => memberPoints(ctx, authOf(req), req.params.id),
  );
  api.get(
    '/members/:id/points/entries',
    {
      config: BROWSE,
      schema: {
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(PointsEntry) },
      },
    },
    async (req) => pointsHistory(ctx, authOf(req), req.params.id, req.query),
  );
  api.post(
    '/members/:id/points/adjustments',
    {
      config: { access: 'points.adjust' },
      schema: { tags, params: IdParams, body: PointsAdjustment, response: { 200: PointsMovement } },
    },
    async (req) => adjustPoints(ctx, authOf(req), req.params.id, req.body),
  );
  api.get(
    '/members/:id/stored-value',
    { config: BROWSE, schema: { tags, params: IdParams, response: { 200: StoredValueAccount } } },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, async (tx) => {
        await assertMember(tx, req.params.id);
        return storedValueAccount(tx, req.params.id);
      });
    },
  );
}
