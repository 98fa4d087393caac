import { EarningRuleUpdate, LoyaltyProgramUpdate } from '@regulars/contracts';
import { fieldsOf, type Rules } from './rules';

/** Points, earning rules, the programme, stored value and the till (POS). */
export const LOYALTY_ROUTES: Rules = {
  'GET /api/loyalty/program': {
    access: 'loyalty.configure',
    request: () => ({ url: '/api/loyalty/program' }),
  },
  'PUT /api/loyalty/program': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const p = fieldsOf(LoyaltyProgramUpdate, await fx.read('/api/loyalty/program'));
      return { url: '/api/loyalty/program', payload: { ...p, returnWindowDays: 0 } };
    },
  },
  'GET /api/loyalty/rules': {
    access: 'loyalty.configure',
    request: () => ({ url: '/api/loyalty/rules' }),
  },
  'POST /api/loyalty/rules': {
    access: 'loyalty.configure',
    request: (fx) => ({
      url: '/api/loyalty/rules',
      payload: { name: `Rule ${fx.next()}`, kind: 'spend', points: 1, perAmountMinor: 10_000 },
    }),
  },
  'PUT /api/loyalty/rules/:id': {
    access: 'loyalty.configure',
    request: async (fx) => {
      const r = await fx.create('/api/loyalty/rules', {
        name: `Rule ${fx.next()}`,
        kind: 'action',
        action: 'check_in',
        points: 5,
      });
      const payload = { ...fieldsOf(EarningRuleUpdate, r), points: 6 };
      return { url: `/api/loyalty/rules/${r.ruleId}`, payload };
    },
  },
  'POST /api/loyalty/preview': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/loyalty/preview',
      payload: { memberId: fx.memberId, lines: [{ name: 'Tea', unitPriceMinor: 12_000 }] },
    }),
  },
  'POST /api/loyalty/actions': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/loyalty/actions',
      payload: { memberId: fx.memberId, action: 'review', ref: `r-${fx.next()}` },
    }),
  },
  'GET /api/members/:id/points': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/points` }),
  },
  'GET /api/members/:id/points/entries': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/points/entries?limit=5` }),
  },
  'POST /api/members/:id/points/adjustments': {
    access: 'points.adjust',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/points/adjustments`,
      payload: { points: 10, reason: `goodwill ${fx.next()}` },
    }),
  },
  'GET /api/members/:id/stored-value': {
    access: 'members.browse',
    request: (fx) => ({ url: `/api/members/${fx.memberId}/stored-value` }),
  },
  'GET /api/pos/members': {
    access: 'pos.transact',
    request: async (fx) => {
      const m = await fx.read(`/api/members/${fx.memberId}`);
      return { url: `/api/pos/members?card=${m.cardNumber as string}` };
    },
  },
  'POST /api/pos/purchases': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/pos/purchases',
      payload: {
        memberId: fx.memberId,
        externalId: `matrix-sale-${fx.next()}`,
        lines: [{ name: 'Hot pot', unitPriceMinor: 50_000 }],
      },
    }),
  },
  'POST /api/pos/returns': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/pos/returns',
      payload: {
        purchaseId: fx.purchaseId,
        externalId: `matrix-return-${fx.next()}`,
        lines: [{ lineNo: 1, quantity: 0.001 }],
      },
    }),
  },
  'POST /api/pos/points/spend': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/pos/points/spend',
      payload: {
        memberId: fx.memberId,
        points: 100_000_000,
        externalId: `matrix-spend-${fx.next()}`,
      },
    }),
    reached: { status: 409, code: 'points.insufficient' },
  },
  'POST /api/pos/stored-value/top-ups': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/pos/stored-value/top-ups',
      payload: {
        memberId: fx.memberId,
        amountMinor: 100_000,
        externalId: `matrix-top-up-${fx.next()}`,
      },
    }),
  },
  'POST /api/pos/stored-value/spends': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/pos/stored-value/spends',
      payload: {
        memberId: fx.memberId,
        amountMinor: 1e12,
        externalId: `matrix-sv-spend-${fx.next()}`,
      },
    }),
    reached: { status: 409, code: 'stored_value.insufficient' },
  },
  'POST /api/pos/stored-value/refunds': {
    access: 'pos.transact',
    request: (fx) => ({
      url: '/api/pos/stored-value/refunds',
      payload: {
        spendExternalId: 'none',
        amountMinor: 1,
        externalId: `matrix-sv-refund-${fx.next()}`,
      },
    }),
    reached: { status: 404, code: 'not_found' },
  },
};
