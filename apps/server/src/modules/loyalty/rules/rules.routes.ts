import { z } from 'zod';
import {
  ActionReport,
  EarnedPoints,
  EarningPreview,
  EarningPreviewRequest,
  EarningRule,
  EarningRuleCreate,
  EarningRuleUpdate,
  IdParams,
  LoyaltyProgram,
  LoyaltyProgramUpdate,
} from '@regulars/contracts';
import { authOf } from '../../../http/context';
import type { Api } from '../../../http/routes';
import { assertMember } from '../points/points.service';
import { earnForAction, previewEarning } from './earning';
import { basketLines, paidLines } from './purchase-facts';
import { getProgram, listRules, saveProgram, saveRule } from './rules.service';

const CONFIGURE = { access: 'loyalty.configure' } as const;
const TILL = { access: 'pos.transact' } as const;
const tags = ['Loyalty'];
import { actorOf } from '../pos/pos.service';

/** Programme settings, earning rules, the earning preview and actions reported from outside. */
export function registerRuleRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/loyalty/program',
    { config: CONFIGURE, schema: { tags, response: { 200: LoyaltyProgram } } },
    async (req) => getProgram(ctx, authOf(req)),
  );
  api.put(
    '/loyalty/program',
    {
      config: CONFIGURE,
      schema: { tags, body: LoyaltyProgramUpdate, response: { 200: LoyaltyProgram } },
    },
    async (req) => saveProgram(ctx, authOf(req), req.body),
  );
  api.get(
    '/loyalty/rules',
    { config: CONFIGURE, schema: { tags, response: { 200: z.array(EarningRule) } } },
    async (req) => listRules(ctx, authOf(req)),
  );
  api.post(
    '/loyalty/rules',
    {
      config: CONFIGURE,
      schema: { tags, body: EarningRuleCreate, response: { 200: EarningRule } },
    },
    async (req) => saveRule(ctx, authOf(req), null, req.body),
  );
  api.put(
    '/loyalty/rules/:id',
    {
      config: CONFIGURE,
      schema: { tags, params: IdParams, body: EarningRuleUpdate, response: { 200: EarningRule } },
    },
    async (req) => saveRule(ctx, authOf(req), req.params.id, req.body),
  );
  api.post(
    '/loyalty/preview',
    {
      config: TILL,
      schema: { tags, body: EarningPreviewRequest, response: { 200: EarningPreview } },
    },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, async (tx) => {
        if (req.body.memberId) await assertMember(tx, req.body.memberId);
        const lines = await basketLines(tx, req.body.lines);
        const total = req.body.totalMinor;
        return previewEarning(ctx, tx, {
          memberId: req.body.memberId ?? null,
          storeId: req.body.storeId ?? auth.storeId,
          occurredAt: req.body.occurredAt,
          lines: total === undefined ? lines : paidLines(lines, total),
        });
      });
    },
  );
  api.post(
    '/loyalty/actions',
    { config: TILL, schema: { tags, body: ActionReport, response: { 200: EarnedPoints } } },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, async (tx) => {
        await assertMember(tx, req.body.memberId);
        return earnForAction(ctx, tx, {
          ...actorOf(auth),
          ...req.body,
          tenantId: auth.tenantId,
          storeId: req.body.storeId ?? auth.storeId,
        });
      });
    },
  );
}
