import { EarningRuleCreate, MissionCreate, RewardCreate, TierCreate } from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { z } from 'zod';
import { saveMission } from '../loyalty/missions/missions.service';
import { createReward } from '../loyalty/rewards/rewards.service';
import { getProgram, saveProgram, saveRule } from '../loyalty/rules/rules.service';
import { createTier, getTierSettings, saveTierSettings } from '../loyalty/tiers/tiers.service';
import { TWD } from './demo-catalog';
import { DAY, taipeiMidnight } from './demo-visits';
import { at, type DemoRun } from './demo-writers';

/**
 * The hot-pot restaurant's loyalty programme, set up as its administrator would through the
 * loyalty services: points that lapse at the end of the year, earning rules, four tiers on money
 * spent over a rolling 12 months, a rewards catalog and a mission. Each is found by name first.
 * The programme was launched a year before the history ends: purchases from then on earn points
 * (the spending rules start that day), and every member has the sign-up bonus.
 */
type RuleIn = z.input<typeof EarningRuleCreate>;
export const programmeLaunch = (run: Pick<DemoRun, 'anchor'>) =>
  taipeiMidnight(new Date(run.anchor.getTime() - 365 * DAY));
/** The launch day as the rules' `startsOn`: the local (Taipei) date. */
const launchDay = (run: DemoRun) =>
  new Date(programmeLaunch(run).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const demoRules = (startsOn: string): RuleIn[] => [
  {
    name: '消費每滿 NT$100 得 1 點',
    kind: 'spend',
    points: 1,
    perAmountMinor: 100 * TWD,
    startsOn,
  },
  {
    name: '週二會員日點數加倍',
    kind: 'spend',
    points: 1,
    perAmountMinor: 100 * TWD,
    weekdays: [2],
    startsOn,
  },
  { name: '入會禮 50 點', kind: 'action', action: 'sign_up', points: 50 },
  {
    name: '每日簽到 2 點',
    kind: 'action',
    action: 'check_in',
    points: 2,
    applyTierMultiplier: false,
  },
];

export const DEMO_TIERS: z.input<typeof TierCreate>[] = [
  { name: '一般會員', threshold: 0, perks: '生日當月招牌鍋底 9 折' },
  {
    name: '銀卡',
    threshold: 10_000 * TWD,
    pointsMultiplier: 1.2,
    discountRate: 0.03,
    perks: '點數 1.2 倍、全單 97 折',
  },
  {
    name: '金卡',
    threshold: 30_000 * TWD,
    pointsMultiplier: 1.5,
    discountRate: 0.05,
    perks: '點數 1.5 倍、全單 95 折、生日送和牛一份',
  },
  {
    name: '鑽石',
    threshold: 80_000 * TWD,
    pointsMultiplier: 2,
    discountRate: 0.1,
    perks: '點數 2 倍、全單 9 折、優先訂位、新品試吃會',
    eventAccess: true,
  },
];

export const DEMO_REWARDS: z.input<typeof RewardCreate>[] = [
  {
    kind: 'fixed_amount',
    name: 'NT$100 折價券',
    description: '單筆消費滿 NT$800 可折抵 NT$100',
    amountMinor: 100 * TWD,
    minSpendMinor: 800 * TWD,
    costPoints: 100,
    couponValidDays: 60,
  },
  {
    kind: 'percent',
    name: '全單 85 折券',
    description: '平日晚餐全單 85 折',
    percentOff: 15,
    costPoints: 300,
    couponValidDays: 30,
  },
  {
    kind: 'free_item',
    name: '免費古早味酸梅湯',
    description: '兌換一杯招牌酸梅湯',
    itemName: '古早味酸梅湯',
    costPoints: 30,
    couponValidDays: 30,
  },
  {
    kind: 'gift',
    name: '熟客限定保溫杯',
    description: '限量贈品，送完為止',
    itemName: '熟客限定保溫杯',
    costPoints: 500,
    stockTotal: 50,
    perMemberLimit: 1,
    couponValidDays: 90,
  },
];

/** The mission runs over the last 90 days of the history. */
export const missionStart = (run: Pick<DemoRun, 'anchor'>) =>
  taipeiMidnight(new Date(run.anchor.getTime() - 90 * DAY));

export const demoMission = (startsAt: string): z.input<typeof MissionCreate> => ({
  name: '30 天內來店 5 次',
  description: '30 天內消費 5 次，加贈 100 點',
  kind: 'count',
  eventType: 'purchase.recorded',
  target: 5,
  windowDays: 30,
  startsAt,
  rewardPoints: 100,
  repeatable: true,
});

/** Things set up here: programme, tier settings, rules, tiers, rewards and the mission. */
export const LOYALTY_SETUP_UNITS =
  2 + demoRules('').length + DEMO_TIERS.length + DEMO_REWARDS.length + 1;

const names = async (run: DemoRun, table: string) =>
  new Set(
    await run.ctx.db.withTenant(run.tenantId, async (tx) =>
      (await sql<{ name: string }>`SELECT name FROM ${sql.table(table)}`.execute(tx)).rows.map(
        (r) => r.name,
      ),
    ),
  );

/** The programme and its catalog, dated on its launch day; each skipped when there. */
export async function writeLoyaltySetup(run: DemoRun): Promise<void> {
  const admin = run.staff[0]!;
  const ctx = at(run.ctx, programmeLaunch(run));
  const program = await getProgram(ctx, admin);
  if (program.version === 0)
    await saveProgram(ctx, admin, {
      enabled: true,
      expiryPolicy: 'end_of_year',
      expiryPeriod: 0,
      returnWindowDays: 7,
      allowNegativeBalance: true,
      budgetPoints: null,
      memberCapPoints: null,
      memberCapPeriod: 'day',
      version: 0,
    });
  run.tick();
  const settings = await getTierSettings(ctx, admin);
  if (settings.version === 0)
    await saveTierSettings(ctx, admin, {
      basis: 'spend',
      window: 'rolling_12m',
      periodMonths: 12,
      graceDays: 30,
      version: 0,
    });
  run.tick();
  const rules = await names(run, 'earning_rules');
  for (const r of demoRules(launchDay(run))) {
    if (!rules.has(r.name)) await saveRule(ctx, admin, null, EarningRuleCreate.parse(r));
    run.tick();
  }
  const tiers = await names(run, 'tiers');
  for (const t of DEMO_TIERS) {
    if (!tiers.has(t.name)) await createTier(ctx, admin, TierCreate.parse(t));
    run.tick();
  }
  const rewards = await names(run, 'rewards');
  for (const r of DEMO_REWARDS) {
    if (!rewards.has(r.name)) await createReward(ctx, admin, RewardCreate.parse(r));
    run.tick();
  }
  const missions = await names(run, 'missions');
  const mission = demoMission(missionStart(run).toISOString());
  if (!missions.has(mission.name))
    await saveMission(ctx, admin, null, MissionCreate.parse(mission));
  run.tick();
  run.step('loyalty');
}
