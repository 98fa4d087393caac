import {
  justAfter,
  localDay,
  qualifyingWindow,
  tierProgress,
  type Clock,
  type Lang,
} from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { registerTemplateVariables, type VariableProvider } from '../messaging';
import { activeTiers, readTierSettings } from './tiers/tier-store';
import { loyaltyValues, type Facts } from './variables-text';

const EPOCH = new Date(0);
/** The last local day of something that ends at `at` (ends are exclusive instants). */
const lastDay = (at: Date, timeZone: string) => localDay(new Date(at.getTime() - 1), timeZone).date;

type Row = {
  member_id: string;
  currency: string;
  available: number | null;
  exp_points: number | null;
  exp_at: Date | null;
  value: string | number;
  coupon_count: number;
  coupon_name: string | null;
  coupon_until: Date | null;
};

/**
 * Everything the variables need for a batch of members, in one statement: balance, the soonest
 * expiry, the qualifying value in each member's window (points or spending, as the tier engine
 * counts them), and the usable coupons with the soonest to lapse.
 */
function readFacts(tx: Tx, basis: 'points' | 'spend', windows: object[], now: Date) {
  const value =
    basis === 'spend'
      ? sql`(SELECT coalesce(sum(p.total_minor), 0) FROM purchases p
              WHERE p.member_id = x.member_id AND p.occurred_at >= x.wfrom AND p.occurred_at < x.wto)`
      : sql`(SELECT coalesce(sum(e.points + e.pending_points), 0) FROM points_entries e
              WHERE e.member_id = x.member_id AND e.kind IN ('earn', 'clawback')
                AND e.occurred_at >= x.wfrom AND e.occurred_at < x.wto)`;
  return sql<Row>`
    SELECT x.member_id, (SELECT currency FROM tenants) AS currency, b.available,
           ex.points AS exp_points, ex.at AS exp_at, ${value} AS value,
           cc.n AS coupon_count, cn.name AS coupon_name, cn.valid_until AS coupon_until
    FROM jsonb_to_recordset(${JSON.stringify(windows)}::jsonb)
      AS x(member_id uuid, wfrom timestamptz, wto timestamptz)
    LEFT JOIN points_balances b ON b.member_id = x.member_id
    LEFT JOIN LATERAL (
      SELECT sum(remaining)::int AS points, expires_at AS at FROM points_batches
      WHERE member_id = x.member_id AND status IN ('active', 'pending') AND remaining > 0
        AND expires_at IS NOT NULL
      GROUP BY expires_at ORDER BY expires_at LIMIT 1) ex ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n FROM coupons c
      WHERE c.member_id = x.member_id AND c.status = 'issued'
        AND c.valid_from <= ${now} AND c.valid_until > ${now}) cc ON true
    LEFT JOIN LATERAL (
      SELECT r.name, c.valid_until FROM coupons c
      JOIN rewards r ON r.tenant_id = c.tenant_id AND r.reward_id = c.reward_id
      WHERE c.member_id = x.member_id AND c.status = 'issued'
        AND c.valid_from <= ${now} AND c.valid_until > ${now}
      ORDER BY c.valid_until, c.issued_at LIMIT 1) cn ON true`.execute(tx);
}

const label = (zhCN: string, zhTW: string, en: string) => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

export const LOYALTY_VARIABLES: VariableProvider['variables'] = [
  {
    key: 'points.balance',
    label: label('积分余额', '點數餘額', 'Points balance'),
    example: '1,280',
  },
  {
    key: 'points.expiring',
    label: label(
      '最近到期的积分与日期',
      '最近到期的點數與日期',
      'Points expiring soonest, and when',
    ),
    example: '120 點（2026-12-31 到期）',
  },
  { key: 'tier.name', label: label('会员等级', '會員等級', 'Tier'), example: '銀卡' },
  { key: 'tier.next', label: label('下一等级', '下一等級', 'Next tier'), example: '金卡' },
  {
    key: 'tier.to_next',
    label: label('升至下一等级还需', '升至下一等級還需', 'What reaches the next tier'),
    example: '於 2027-03-31 前再消費 NT$1,200',
  },
  {
    key: 'coupons.count',
    label: label('可用优惠券数', '可用優惠券數', 'Usable coupons'),
    example: '2',
  },
  {
    key: 'coupons.next',
    label: label('最快到期的优惠券', '最快到期的優惠券', 'Coupon lapsing soonest'),
    example: '生日蛋糕券（有效至 2026-04-30）',
  },
];

/**
 * Points, tier and coupons as template variables, for a batch of members at once: a few queries
 * whatever the batch's size (settings, tiers, held tiers and one statement for the rest).
 */
export function loyaltyVariables(clock: Pick<Clock, 'now'>): VariableProvider {
  return {
    variables: LOYALTY_VARIABLES,
    async resolve(tx, members) {
      const out = new Map<string, Record<string, string>>();
      if (!members.length) return out;
      const ids = members.map((m) => m.member.memberId);
      const now = clock.now();
      const settings = await readTierSettings(tx);
      const tiers = await activeTiers(tx);
      const held = new Map(
        (
          await tx
            .selectFrom('member_tiers')
            .select(['member_id', 'tier_id', 'status', 'since'])
            .where('member_id', 'in', ids)
            .execute()
        ).map((r) => [r.member_id, r]),
      );
      const windows = new Map(
        ids.map((id) => {
          const row = held.get(id);
          const w =
            settings.window === 'since_change' && !row
              ? { from: EPOCH, to: justAfter(now), deadline: null }
              : qualifyingWindow(
                  settings.window,
                  now,
                  settings.timeZone,
                  row?.since ?? EPOCH,
                  settings.periodMonths,
                );
          const to = w.to.getTime() < now.getTime() ? w.to : justAfter(now);
          return [id, { ...w, to }];
        }),
      );
      const rows = await readFacts(
        tx,
        settings.basis,
        ids.map((id) => ({
          member_id: id,
          wfrom: windows.get(id)!.from.toISOString(),
          wto: windows.get(id)!.to.toISOString(),
        })),
        now,
      );
      const byId = new Map(rows.rows.map((r) => [r.member_id, r]));
      for (const { member, language } of members) {
        const r = byId.get(member.memberId);
        if (!r) continue;
        const row = held.get(member.memberId);
        const tier = row?.status === 'member' ? tiers.find((t) => t.tierId === row.tier_id) : null;
        const progress = tierProgress(tiers, tier?.tierId ?? null, Number(r.value));
        const deadline = windows.get(member.memberId)!.deadline;
        const facts: Facts = {
          balance: r.available ?? 0,
          expiring:
            r.exp_at && r.exp_points
              ? { points: r.exp_points, on: lastDay(r.exp_at, settings.timeZone) }
              : null,
          tierName: tier?.name ?? null,
          nextName: tiers.length ? (progress.next?.name ?? null) : null,
          toNext: progress.toNext,
          by: deadline ? lastDay(deadline, settings.timeZone) : null,
          basis: settings.basis,
          currency: r.currency,
          couponCount: r.coupon_count,
          nextCoupon:
            r.coupon_name && r.coupon_until
              ? { name: r.coupon_name, until: lastDay(r.coupon_until, settings.timeZone) }
              : null,
        };
        out.set(member.memberId, loyaltyValues(facts, language as Lang));
      }
      return out;
    },
  };
}

let registered: { clock: Pick<Clock, 'now'> } | null = null;

/** Registers the loyalty variables once per process; the latest app's clock tells the time. */
export function registerLoyaltyVariables(ctx: Pick<AppContext, 'clock'>): void {
  if (registered) {
    registered.clock = ctx.clock;
    return;
  }
  const holder = { clock: ctx.clock };
  registered = holder;
  registerTemplateVariables(loyaltyVariables({ now: () => holder.clock.now() }));
}
