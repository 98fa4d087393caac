import type { Caller } from '../../../../../../test/app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

/**
 * Rows in every loyalty table of one business (programme, rule, points with batches and their
 * uses, a return, stored value), for the tenant-isolation test. Returns ids and marks.
 */
export async function seedLoyalty(admin: Caller, memberId: string, slug: string) {
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await admin.inject({ method, url, payload });
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.body}`);
    return res.json<Json>();
  };
  const program = await call('GET', '/api/loyalty/program');
  await call('PUT', '/api/loyalty/program', {
    ...program,
    awardedPoints: undefined,
    budgetPoints: 1_000_000,
  });
  const rule = await call('POST', '/api/loyalty/rules', {
    name: `Points of ${slug}`,
    kind: 'spend',
    points: 1,
    perAmountMinor: 100,
    budgetPoints: 100_000,
  });
  const sale = await call('POST', '/api/pos/purchases', {
    memberId,
    externalId: `LOYALTY-${slug}`,
    lines: [{ name: `Feast of ${slug}`, quantity: 2, unitPriceMinor: 10_000 }],
  });
  await call('POST', '/api/pos/points/spend', {
    memberId,
    points: 10,
    externalId: `SPEND-${slug}`,
  });
  await call('POST', '/api/pos/returns', {
    purchaseExternalId: `LOYALTY-${slug}`,
    externalId: `RETURN-${slug}`,
    lines: [{ lineNo: 1, quantity: 1 }],
  });
  await call('POST', '/api/pos/stored-value/top-ups', {
    memberId,
    amountMinor: 50_000,
    externalId: `TOPUP-${slug}`,
  });
  return {
    ruleId: rule.ruleId as string,
    marks: [
      rule.ruleId,
      `Points of ${slug}`,
      sale.earned.entryId,
      `TOPUP-${slug}`,
      `SPEND-${slug}`,
    ],
  };
}

/** The loyalty tables that seedLoyalty fills. */
export const LOYALTY_TABLES = [
  'loyalty_programs',
  'earning_rules',
  'points_balances',
  'points_entries',
  'points_batches',
  'points_allocations',
  'points_rule_awards',
  'purchase_returns',
  'stored_value_accounts',
  'stored_value_entries',
];
