import {
  PointsMovement,
  PosMemberCard,
  PosMemberLookup,
  PosPointsSpend,
  PosPurchaseRequest,
  PosPurchaseResult,
  PosReturnRequest,
  PosReturnResult,
  StoredValueOperation,
  StoredValueRefund,
  StoredValueResult,
} from '@regulars/contracts';
import { authOf } from '../../../http/context';
import { languageOf } from '../../../http/error-handler';
import type { Api } from '../../../http/routes';
import { pointsBalance, spendPoints } from '../points/ledger';
import { assertMember } from '../points/points.service';
import {
  refundStoredValue,
  spendStoredValue,
  topUpStoredValue,
} from '../stored-value/stored-value';
import { lookUpTillMember } from './lookup';
import { actorOf, posPurchase } from './pos.service';
import { recordReturn } from './returns';

const TILL = { access: 'pos.transact' } as const;
const tags = ['Till (POS)'];

/**
 * The till: sales that earn points, returns that take them back, points and stored value spent.
 * Every write is once-only by its external id, and `Idempotency-Key` replays the first answer.
 * The member is found by phone, card number or card QR.
 */
export function registerPosRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/pos/members',
    {
      config: TILL,
      schema: {
        tags,
        summary: 'The member in front of the till, by phone (any format), card number or card QR',
        description:
          'Exactly one of phone, card or qr. The phone is always masked. A merged record’s card ' +
          'finds the member it was merged into. 404 pos.no_member_with_phone / ' +
          'pos.no_member_with_card; 400 pos.invalid_card (check digit), pos.invalid_qr (not our ' +
          'signature), pos.qr_other_business.',
        querystring: PosMemberLookup,
        response: { 200: PosMemberCard },
      },
    },
    async (req) => lookUpTillMember(ctx, authOf(req), req.query, languageOf(req)),
  );
  api.post(
    '/pos/purchases',
    {
      config: TILL,
      schema: { tags, body: PosPurchaseRequest, response: { 200: PosPurchaseResult } },
    },
    async (req) => posPurchase(ctx, authOf(req), req.body),
  );
  api.post(
    '/pos/returns',
    { config: TILL, schema: { tags, body: PosReturnRequest, response: { 200: PosReturnResult } } },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, (tx) =>
        recordReturn(ctx, tx, auth.tenantId, req.body, actorOf(auth)),
      );
    },
  );
  api.post(
    '/pos/points/spend',
    { config: TILL, schema: { tags, body: PosPointsSpend, response: { 200: PointsMovement } } },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, async (tx) => {
        await assertMember(tx, req.body.memberId);
        const done = await spendPoints(ctx, tx, {
          ...actorOf(auth),
          tenantId: auth.tenantId,
          memberId: req.body.memberId,
          points: req.body.points,
          reason: req.body.reason,
          source: 'pos',
          sourceRef: req.body.externalId,
        });
        return { entryId: done.entryId, balance: await pointsBalance(tx, req.body.memberId) };
      });
    },
  );
  const storedValue = (
    path: string,
    body: typeof StoredValueOperation,
    run: typeof topUpStoredValue,
  ) =>
    api.post(
      path,
      { config: TILL, schema: { tags, body, response: { 200: StoredValueResult } } },
      async (req) => {
        const auth = authOf(req);
        return ctx.db.withTenant(auth.tenantId, async (tx) => {
          await assertMember(tx, req.body.memberId);
          return run(
            ctx,
            tx,
            auth.tenantId,
            { ...req.body, storeId: req.body.storeId ?? auth.storeId },
            actorOf(auth),
          );
        });
      },
    );
  storedValue('/pos/stored-value/top-ups', StoredValueOperation, topUpStoredValue);
  storedValue('/pos/stored-value/spends', StoredValueOperation, spendStoredValue);
  api.post(
    '/pos/stored-value/refunds',
    {
      config: TILL,
      schema: { tags, body: StoredValueRefund, response: { 200: StoredValueResult } },
    },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, (tx) =>
        refundStoredValue(ctx, tx, auth.tenantId, req.body, actorOf(auth)),
      );
    },
  );
}
