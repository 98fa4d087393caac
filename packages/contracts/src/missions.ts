import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';

export const Badge = z.object({
  badgeId: Uuid,
  name: z.string(),
  description: z.string(),
  icon: z.string(),
});
export type Badge = z.infer<typeof Badge>;
export const BadgeCreate = z.strictObject({
  name: z.string().trim().min(1).max(60),
  description: z.string().max(500).default(''),
  icon: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default('star'),
});

/** What missions can count. */
export const MISSION_EVENTS = ['purchase.recorded', 'points.earned', 'action.reported'] as const;

export const Mission = z.object({
  missionId: Uuid,
  name: z.string(),
  description: z.string(),
  /** 'count': target events within windowDays; 'streak': target days in a row. */
  kind: z.enum(['count', 'streak']),
  eventType: z.enum(MISSION_EVENTS),
  /** The points source ('check_in') or the custom action's name, when only those count. */
  eventFilter: z.string().nullable(),
  target: z.number().int(),
  windowDays: z.number().int().nullable(),
  startsAt: IsoDateTime.nullable(),
  endsAt: IsoDateTime.nullable(),
  rewardPoints: z.number().int(),
  rewardId: Uuid.nullable(),
  badgeId: Uuid.nullable(),
  repeatable: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Mission = z.infer<typeof Mission>;
const MissionFields = z.strictObject({
  name: z.string().trim().min(1).max(80),
  description: z.string().max(1000).default(''),
  kind: z.enum(['count', 'streak']),
  eventType: z.enum(MISSION_EVENTS),
  eventFilter: z.string().trim().min(1).max(60).nullable().default(null),
  target: z.number().int().min(1).max(1000),
  windowDays: z.number().int().min(1).max(3660).nullable().default(null),
  startsAt: IsoDateTime.nullable().default(null),
  endsAt: IsoDateTime.nullable().default(null),
  rewardPoints: z.number().int().min(0).max(10_000_000).default(0),
  rewardId: Uuid.nullable().default(null),
  badgeId: Uuid.nullable().default(null),
  repeatable: z.boolean().default(false),
  active: z.boolean().default(true),
});
const missionRules = (m: z.infer<typeof MissionFields>, ctx: z.RefinementCtx) => {
  if (m.startsAt && m.endsAt && m.endsAt <= m.startsAt)
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must be after startsAt' });
  if (!m.rewardPoints && !m.rewardId && !m.badgeId)
    ctx.addIssue({
      code: 'custom',
      path: ['rewardPoints'],
      message: 'give points, a coupon or a badge',
    });
};
export const MissionCreate = MissionFields.superRefine(missionRules);
export const MissionUpdate = MissionFields.extend({ version: Version }).superRefine(missionRules);

export const MemberMissions = z.object({
  missions: z.array(
    z.object({
      missionId: Uuid,
      name: z.string(),
      kind: z.enum(['count', 'streak']),
      target: z.number().int(),
      /** Events in the window, or the current streak of days. */
      progress: z.number().int(),
      completed: z.number().int(),
      lastCompletedAt: IsoDateTime.nullable(),
    }),
  ),
  badges: z.array(Badge.extend({ grantedAt: IsoDateTime })),
});
export type MemberMissions = z.infer<typeof MemberMissions>;

export const GamePrize = z.object({
  prizeId: Uuid,
  label: z.string(),
  /** Chance in parts per million (10 000 = 1 %). */
  oddsPpm: z.number().int(),
  points: z.number().int(),
  rewardId: Uuid.nullable(),
  quantity: z.number().int().nullable(),
  won: z.number().int(),
});
export const Game = z.object({
  gameId: Uuid,
  name: z.string(),
  costPoints: z.number().int(),
  playsPerDay: z.number().int().nullable(),
  budgetPoints: z.number().int().nullable(),
  spentPoints: z.number().int(),
  active: z.boolean(),
  prizes: z.array(GamePrize),
  version: z.number().int(),
});
export type Game = z.infer<typeof Game>;
const PrizeInput = z.strictObject({
  label: z.string().trim().min(1).max(80),
  oddsPpm: z.number().int().min(1).max(1_000_000),
  points: z.number().int().min(0).max(10_000_000).default(0),
  rewardId: Uuid.nullable().default(null),
  quantity: z.number().int().min(0).max(100_000_000).nullable().default(null),
});
const GameFields = z.strictObject({
  name: z.string().trim().min(1).max(80),
  costPoints: z.number().int().min(0).max(10_000_000).default(0),
  playsPerDay: z.number().int().min(1).max(1000).nullable().default(null),
  budgetPoints: z.number().int().min(0).max(1e12).nullable().default(null),
  active: z.boolean().default(true),
  prizes: z.array(PrizeInput).min(1).max(20),
});
export const GameCreate = GameFields;
/** Prizes are replaced as a whole; counts of prizes already won are kept by label. */
export const GameUpdate = GameFields.extend({ version: Version });

export const GameDrawRequest = z.strictObject({ memberId: Uuid });
export const GameDraw = z.object({
  drawId: Uuid,
  gameId: Uuid,
  memberId: Uuid,
  /** The uniform random value in [0, 1 000 000) that decided the draw. */
  randomValue: z.number().int(),
  outcome: z.enum(['won', 'lost', 'out_of_budget']),
  prizeLabel: z.string().nullable(),
  pointsAwarded: z.number().int(),
  couponCode: z.string().nullable(),
  at: IsoDateTime,
});
export type GameDraw = z.infer<typeof GameDraw>;
