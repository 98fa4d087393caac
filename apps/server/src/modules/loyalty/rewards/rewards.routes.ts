import {
  BirthdayRule,
  BirthdayRuleUpdate,
  BirthdayRun,
  Coupon,
  CouponBulkIssue,
  CouponBulkIssued,
  CouponCheck,
  CouponRedeem,
  CouponRedeemed,
  CouponSearch,
  CouponVoid,
  IdParams,
  Page,
  Reward,
  RewardCreate,
  RewardRedeem,
  RewardRedeemed,
  RewardUpdate,
} from '@regulars/contracts';
import { authOf } from '../../../http/context';
import { collectionRoutes } from '../../../http/collection-routes';
import type { Api } from '../../../http/routes';
import { checkCoupon, redeemCoupon } from './coupon-redeem';
import { reverseRedemption, voidCoupon } from './coupon-void';
import {
  bulkIssue,
  listCoupons,
  readBirthdayRule,
  runBirthdayCoupons,
  saveBirthdayRule,
} from './coupons.service';
import { createReward, listRewards, redeemReward, updateReward } from './rewards.service';

const tags = ['Rewards and coupons'];
const READ = { access: 'members.browse' } as const;
const CONFIGURE = { access: 'loyalty.configure' } as const;
const TILL = { access: 'pos.transact' } as const;

/** The rewards catalog, coupons issued from it, and their use at the till. */
export function registerRewardRoutes(api: Api): void {
  const ctx = api.ctx;
  collectionRoutes(api, '/rewards', {
    tags,
    read: READ.access,
    write: CONFIGURE.access,
    item: Reward,
    create: RewardCreate,
    update: RewardUpdate,
    list: (auth) => listRewards(ctx, auth),
    add: (auth, body) => createReward(ctx, auth, body),
    change: (auth, id, body) => updateReward(ctx, auth, id, body),
  });
  api.post(
    '/rewards/:id/redeem',
    {
      config: TILL,
      schema: { tags, params: IdParams, body: RewardRedeem, response: { 200: RewardRedeemed } },
    },
    async (req) => redeemReward(ctx, authOf(req), req.params.id, req.body.memberId),
  );
  api.get(
    '/coupons',
    { config: READ, schema: { tags, querystring: CouponSearch, response: { 200: Page(Coupon) } } },
    async (req) => listCoupons(ctx, authOf(req), req.query),
  );
  api.post(
    '/coupons/bulk',
    {
      config: CONFIGURE,
      schema: { tags, body: CouponBulkIssue, response: { 200: CouponBulkIssued } },
    },
    async (req) => bulkIssue(ctx, authOf(req), req.body),
  );
  api.post(
    '/coupons/check',
    { config: TILL, schema: { tags, body: CouponCheck, response: { 200: Coupon } } },
    async (req) => checkCoupon(ctx, authOf(req), req.body),
  );
  api.post(
    '/coupons/redeem',
    { config: TILL, schema: { tags, body: CouponRedeem, response: { 200: CouponRedeemed } } },
    async (req) => redeemCoupon(ctx, authOf(req), req.body),
  );
  api.post(
    '/coupons/:id/reverse',
    {
      config: TILL,
      schema: { tags, params: IdParams, body: CouponVoid, response: { 200: Coupon } },
    },
    async (req) => reverseRedemption(ctx, authOf(req), req.params.id, req.body.reason),
  );
  api.post(
    '/coupons/:id/void',
    {
      config: CONFIGURE,
      schema: { tags, params: IdParams, body: CouponVoid, response: { 200: Coupon } },
    },
    async (req) => voidCoupon(ctx, authOf(req), req.params.id, req.body.reason),
  );
  api.get(
    '/reward-rules/birthday',
    { config: CONFIGURE, schema: { tags, response: { 200: BirthdayRule } } },
    async (req) => readBirthdayRule(ctx, authOf(req)),
  );
  api.put(
    '/reward-rules/birthday',
    {
      config: CONFIGURE,
      schema: { tags, body: BirthdayRuleUpdate, response: { 200: BirthdayRule } },
    },
    async (req) => saveBirthdayRule(ctx, authOf(req), req.body),
  );
  api.post(
    '/reward-rules/birthday/run',
    { config: CONFIGURE, schema: { tags, response: { 200: BirthdayRun } } },
    async (req) => runBirthdayCoupons(ctx, authOf(req).tenantId),
  );
}
