import type { EarnedPoints, RuleAward } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { Balance } from '../points/ledger-store';
import type { Program } from '../points/program';
import { paidLines, type PurchaseFacts } from './purchase-facts';
import { loadedRule, type LoadedRule, type RuleRow } from './rules-store';

/** Everything the earning of one recorded purchase needs, read in one round trip. */
export type PurchaseEarningState = {
  /** The purchase; its lines (and the rules below) only when it has earned nothing yet. */
  facts: PurchaseFacts;
  /** What the purchase already earned (its entry exists): nothing else is read or locked. */
  before: EarnedPoints | null;
  /** The member's balance, now locked for the rest of the transaction (null with `before`). */
  balance: Balance | null;
  program: Program;
  /** The active spending rules, in the order they apply. */
  rules: LoadedRule[];
  /** The member's tier's points multiplier (1 without a tier). */
  multiplier: number;
  /** The purchase's local calendar day and ISO weekday (1 = Monday) in the business's zone. */
  day: { date: string; weekday: number };
};

type Row = {
  member_id: string;
  store_id: string | null;
  occurred_at: Date;
  total_minor: string;
  prior: { entry_id: string; points: number; pending_points: number; details: unknown } | null;
  available: number | null;
  pending: number | null;
  lines:
    | {
        lineNo: number;
        productId: string | null;
        quantity: string;
        amountMinor: string;
        path: string[] | null;
      }[]
    | null;
  program: Program;
  rules: RuleRow[] | null;
  multiplier: string | null;
  local_date: string;
  local_weekday: number;
};

/**
 * Reads a recorded purchase for its earning, in one statement: the purchase and its lines with
 * their categories, the earning already written for it if any, the programme (with its defaults
 * until an administrator saves it), the active spending rules and the member's tier multiplier.
 * When the purchase has earned nothing yet, the same statement locks the member's balance row
 * (creating it at zero), as every movement of a member's points does; the caller's write then
 * finds out, by the entry's unique source, whether a concurrent earning of the same purchase
 * that it waited for got there first.
 */
export async function readPurchaseEarning(
  tx: Tx,
  purchaseId: string,
): Promise<PurchaseEarningState | null> {
  // Once earned (a retry, or the purchase event after the till), only the earning is read back.
  const r = await sql<Row>`
    WITH p AS (
      SELECT tenant_id, purchase_id, member_id, store_id, occurred_at, total_minor FROM purchases
      WHERE purchase_id = ${purchaseId}::uuid
    ), prior AS (
      SELECT e.entry_id, e.points, e.pending_points, e.details FROM points_entries e JOIN p
        ON e.tenant_id = p.tenant_id AND e.member_id = p.member_id
      WHERE e.kind = 'earn' AND e.source = 'purchase' AND e.source_ref = ${purchaseId}::text
    ), bal AS (
      INSERT INTO points_balances (tenant_id, member_id)
      SELECT tenant_id, member_id FROM p WHERE NOT EXISTS (SELECT 1 FROM prior)
      ON CONFLICT (tenant_id, member_id) DO UPDATE SET available = points_balances.available
      RETURNING available, pending
    )
    SELECT p.member_id, p.store_id, p.occurred_at, p.total_minor,
      -- The local day here, as caller_card() does: a new Intl.DateTimeFormat per purchase in
      -- node cost more than the rest of the earning's own work.
      to_char(p.occurred_at AT TIME ZONE t.time_zone, 'YYYY-MM-DD') AS local_date,
      extract(isodow FROM p.occurred_at AT TIME ZONE t.time_zone)::int AS local_weekday,
      (SELECT to_jsonb(prior) FROM prior) AS prior, bal.available, bal.pending,
      (SELECT json_agg(json_build_object('lineNo', l.line_no, 'productId', l.product_id,
                'quantity', l.quantity::text, 'amountMinor', l.amount_minor::text, 'path', c.path)
              ORDER BY l.line_no)
         FROM purchase_lines l
         LEFT JOIN products pr ON pr.tenant_id = l.tenant_id AND pr.product_id = l.product_id
         LEFT JOIN product_categories c ON c.tenant_id = pr.tenant_id AND c.category_id = pr.category_id
        WHERE l.tenant_id = p.tenant_id AND l.purchase_id = p.purchase_id
          AND NOT EXISTS (SELECT 1 FROM prior)) AS lines,
      json_build_object(
        'enabled', coalesce(lp.enabled, true),
        'expiryPolicy', coalesce(lp.expiry_policy, 'never'),
        'expiryPeriod', coalesce(lp.expiry_period, 0),
        'returnWindowDays', coalesce(lp.return_window_days, 0),
        'allowNegativeBalance', coalesce(lp.allow_negative_balance, true),
        'budgetPoints', lp.budget_points,
        'awardedPoints', coalesce(lp.awarded_points, 0),
        'memberCapPoints', lp.member_cap_points,
        'memberCapPeriod', coalesce(lp.member_cap_period, 'day'),
        'version', coalesce(lp.version, 0),
        'timeZone', t.time_zone) AS program,
      (SELECT json_agg(to_jsonb(er) ORDER BY er.created_at, er.name, er.rule_id)
         FROM earning_rules er
        WHERE er.active AND er.kind = 'spend' AND NOT EXISTS (SELECT 1 FROM prior)) AS rules,
      (SELECT ti.points_multiplier::text FROM member_tiers mt
         JOIN tiers ti ON ti.tenant_id = mt.tenant_id AND ti.tier_id = mt.tier_id
        WHERE mt.tenant_id = p.tenant_id AND mt.member_id = p.member_id AND mt.status = 'member')
        AS multiplier
    FROM p
    JOIN tenants t ON t.tenant_id = p.tenant_id
    LEFT JOIN loyalty_programs lp ON lp.tenant_id = p.tenant_id
    LEFT JOIN bal ON true`.execute(tx);
  const row = r.rows[0];
  if (!row) return null;
  const total = Number(row.total_minor);
  const facts: PurchaseFacts = {
    purchaseId,
    memberId: row.member_id,
    storeId: row.store_id,
    occurredAt: row.occurred_at,
    totalMinor: total,
    lines: paidLines(
      (row.lines ?? []).map((l) => ({
        lineNo: l.lineNo,
        productId: l.productId,
        categoryPath: l.path ?? [],
        quantity: Number(l.quantity),
        amountMinor: Number(l.amountMinor),
      })),
      total,
    ),
  };
  const prior = row.prior;
  return {
    facts,
    before: prior && {
      entryId: prior.entry_id,
      points: prior.points + prior.pending_points,
      pending: prior.pending_points > 0,
      awards: (prior.details as { awards?: RuleAward[] }).awards ?? [],
    },
    balance: prior ? null : { available: row.available!, pending: row.pending! },
    program: row.program,
    rules: (row.rules ?? []).map(loadedRule),
    multiplier: row.multiplier === null ? 1 : Number(row.multiplier),
    day: { date: row.local_date, weekday: row.local_weekday },
  };
}
