import { randomUUID } from 'node:crypto';
import type { Badge, MemberMissions, Mission } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { notFound } from '../../../http/errors';
import { recordAudit } from '../../../platform/audit';
import { duplicateAs, versionedResult } from '../../../platform/versioned';
import { memberNames } from '../../members';
import { lastCompletion, missionProgress } from './mission-progress';

export type MissionInput = Omit<Mission, 'missionId' | 'version'>;

const findMission = (tx: Tx, id: string) =>
  tx.selectFrom('missions').selectAll().where('mission_id', '=', id).executeTakeFirst();

const toMission = (r: NonNullable<Awaited<ReturnType<typeof findMission>>>): Mission => ({
  missionId: r.mission_id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  eventType: r.event_type as Mission['eventType'],
  eventFilter: r.event_filter,
  target: r.target,
  windowDays: r.window_days,
  startsAt: r.starts_at?.toISOString() ?? null,
  endsAt: r.ends_at?.toISOString() ?? null,
  rewardPoints: r.reward_points,
  rewardId: r.reward_id,
  badgeId: r.badge_id,
  repeatable: r.repeatable,
  active: r.active,
  version: r.version,
});

const columns = (i: MissionInput) => ({
  name: i.name,
  description: i.description,
  kind: i.kind,
  event_type: i.eventType,
  event_filter: i.eventFilter,
  target: i.target,
  window_days: i.windowDays,
  starts_at: i.startsAt,
  ends_at: i.endsAt,
  reward_points: i.rewardPoints,
  reward_id: i.rewardId,
  badge_id: i.badgeId,
  repeatable: i.repeatable,
  active: i.active,
});

async function assertRefs(tx: Tx, i: MissionInput) {
  if (
    i.rewardId &&
    !(await tx
      .selectFrom('rewards')
      .select('reward_id')
      .where('reward_id', '=', i.rewardId)
      .executeTakeFirst())
  )
    throw notFound('reward');
  if (
    i.badgeId &&
    !(await tx
      .selectFrom('badges')
      .select('badge_id')
      .where('badge_id', '=', i.badgeId)
      .executeTakeFirst())
  )
    throw notFound('badge');
}

export async function listMissions(ctx: AppContext, auth: AuthContext): Promise<Mission[]> {
  return ctx.db.withTenant(auth.tenantId, async (tx) =>
    (await tx.selectFrom('missions').selectAll().orderBy('created_at').execute()).map(toMission),
  );
}

export async function saveMission(
  ctx: AppContext,
  auth: AuthContext,
  id: string | null,
  input: MissionInput & { version?: number },
): Promise<Mission> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertRefs(tx, input);
    const missionId = id ?? randomUUID();
    const before = id ? await findMission(tx, id) : undefined;
    if (!id) {
      await tx
        .insertInto('missions')
        .values({ tenant_id: auth.tenantId, mission_id: missionId, ...columns(input) })
        .execute();
    } else {
      const updated = await tx
        .updateTable('missions')
        .set({ ...columns(input), version: sql`version + 1`, updated_at: ctx.clock.now() })
        .where('mission_id', '=', id)
        .where('version', '=', input.version!)
        .returning('mission_id')
        .executeTakeFirst();
      await versionedResult(updated, () => findMission(tx, id), 'mission');
    }
    const saved = toMission((await findMission(tx, missionId))!);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: id ? 'mission.updated' : 'mission.created',
      entityType: 'mission',
      entityId: missionId,
      before: before && toMission(before),
      after: saved,
    });
    return saved;
  });
}

export async function listBadges(ctx: AppContext, auth: AuthContext): Promise<Badge[]> {
  return ctx.db.withTenant(auth.tenantId, async (tx) =>
    (await tx.selectFrom('badges').selectAll().orderBy('name').execute()).map((b) => ({
      badgeId: b.badge_id,
      name: b.name,
      description: b.description,
      icon: b.icon,
    })),
  );
}

export async function createBadge(
  ctx: AppContext,
  auth: AuthContext,
  input: Omit<Badge, 'badgeId'>,
): Promise<Badge> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const badgeId = randomUUID();
    await tx
      .insertInto('badges')
      .values({ tenant_id: auth.tenantId, badge_id: badgeId, ...input })
      .execute()
      .catch(duplicateAs('name'));
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'badge.created',
      entityType: 'badge',
      entityId: badgeId,
      after: input,
    });
    return { badgeId, ...input };
  });
}

/** A member's progress in each active mission, and the badges they have earned. */
export async function memberMissions(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
): Promise<MemberMissions> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    if (!(await memberNames(tx, [memberId])).size) throw notFound('member');
    const { time_zone } = await tx
      .selectFrom('tenants')
      .select('time_zone')
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    const missions = await tx
      .selectFrom('missions')
      .selectAll()
      .where('active', '=', true)
      .orderBy('created_at')
      .execute();
    const out: MemberMissions['missions'] = [];
    for (const m of missions) {
      const last = await lastCompletion(tx, m.mission_id, memberId);
      const done = last && !m.repeatable;
      out.push({
        missionId: m.mission_id,
        name: m.name,
        kind: m.kind,
        target: m.target,
        progress: done
          ? m.target
          : await missionProgress(tx, m, memberId, now, time_zone, last?.completed_at ?? null),
        completed: last?.round ?? 0,
        lastCompletedAt: last?.completed_at.toISOString() ?? null,
      });
    }
    const badges = await tx
      .selectFrom('member_badges as mb')
      .innerJoin('badges as b', (j) =>
        j.onRef('b.tenant_id', '=', 'mb.tenant_id').onRef('b.badge_id', '=', 'mb.badge_id'),
      )
      .select(['b.badge_id', 'b.name', 'b.description', 'b.icon', 'mb.granted_at'])
      .where('mb.member_id', '=', memberId)
      .orderBy('mb.granted_at')
      .execute();
    return {
      missions: out,
      badges: badges.map((b) => ({
        badgeId: b.badge_id,
        name: b.name,
        description: b.description,
        icon: b.icon,
        grantedAt: b.granted_at.toISOString(),
      })),
    };
  });
}
