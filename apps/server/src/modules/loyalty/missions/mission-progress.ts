import { calendarParts } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import type { DomainEvent } from '../../../platform/events';
import { earnPoints } from '../points/ledger';
import { issueCouponIfAvailable } from '../rewards/coupon-issue';

type MissionRow = {
  mission_id: string;
  name: string;
  kind: 'count' | 'streak';
  event_filter: string | null;
  target: number;
  window_days: number | null;
  reward_points: number;
  reward_id: string | null;
  badge_id: string | null;
  repeatable: boolean;
};
type Payload = Record<string, unknown>;
/** Points that missions and games give do not count toward missions (no loops). */
const OWN_SOURCES = new Set(['mission', 'game']);

/** Whether an event is one the mission counts: its filter names a points source or action, a store, product or category. */
export function eventMatches(filter: string | null, type: string, p: Payload): boolean {
  if (type === 'points.earned' && OWN_SOURCES.has(String(p.source))) return false;
  if (!filter) return true;
  if (type === 'points.earned')
    return p.source === filter || String(p.sourceRef ?? '').startsWith(`${filter}:`);
  if (type === 'action.reported') return p.action === filter;
  const ids = [
    p.storeId,
    ...((p.productIds as unknown[]) ?? []),
    ...((p.categoryIds as unknown[]) ?? []),
  ];
  return ids.includes(filter);
}

const pad = (n: number) => String(n).padStart(2, '0');
export function localDayOf(at: Date, timeZone: string): string {
  const p = calendarParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Counts an event toward the member's active missions of its type, each event once per mission
 * (its id is the step's key, so a redelivered event adds nothing), and completes the missions it
 * finishes. Runs in the subscriber's transaction.
 */
export async function countTowardMissions(
  ctx: Pick<AppContext, 'clock' | 'events'>,
  tx: Tx,
  event: DomainEvent,
): Promise<void> {
  const memberId = event.payload.memberId;
  if (typeof memberId !== 'string') return;
  const at =
    typeof event.payload.occurredAt === 'string'
      ? new Date(event.payload.occurredAt)
      : ctx.clock.now();
  const missions = await tx
    .selectFrom('missions')
    .selectAll()
    .where('event_type', '=', event.type)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', at)]))
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]))
    .execute();
  const matching = missions.filter((m) => eventMatches(m.event_filter, event.type, event.payload));
  if (!matching.length) return;
  const { time_zone } = await tx
    .selectFrom('tenants')
    .select('time_zone')
    .executeTakeFirstOrThrow();
  for (const m of matching) {
    const step = await tx
      .insertInto('mission_steps')
      .values({
        tenant_id: event.tenantId,
        mission_id: m.mission_id,
        member_id: memberId,
        ref: event.eventId,
        at,
        local_day: localDayOf(at, time_zone),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('ref')
      .executeTakeFirst();
    if (step) await completeIfDone(ctx, tx, event.tenantId, m, memberId, at, time_zone);
  }
}

async function lastCompletion(tx: Tx, missionId: string, memberId: string) {
  return tx
    .selectFrom('mission_completions')
    .select(['round', 'completed_at'])
    .where('mission_id', '=', missionId)
    .where('member_id', '=', memberId)
    .orderBy('round', 'desc')
    .executeTakeFirst();
}

/**
 * The member's progress now: matching events within the window (since the last completion), or
 * the run of consecutive local days ending today or yesterday (a streak still alive).
 */
export async function missionProgress(
  tx: Tx,
  m: Pick<MissionRow, 'mission_id' | 'kind' | 'window_days'>,
  memberId: string,
  now: Date,
  timeZone: string,
  after: Date | null,
): Promise<number> {
  const since = new Date(
    Math.max(after?.getTime() ?? 0, m.window_days ? now.getTime() - m.window_days * 86_400_000 : 0),
  );
  if (m.kind === 'count') {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM mission_steps
      WHERE mission_id = ${m.mission_id} AND member_id = ${memberId} AND at > ${since} AND at <= ${now}`.execute(
      tx,
    );
    return r.rows[0]!.n;
  }
  const days = await sql<{ day: string }>`
    SELECT DISTINCT to_char(local_day, 'YYYY-MM-DD') AS day FROM mission_steps
    WHERE mission_id = ${m.mission_id} AND member_id = ${memberId} AND at > ${after ?? new Date(0)} AND at <= ${now}
    ORDER BY day DESC LIMIT 1000`.execute(tx);
  const today = localDayOf(now, timeZone);
  let expected = Date.parse(`${today}T00:00:00Z`);
  let run = 0;
  for (const { day } of days.rows) {
    const d = Date.parse(`${day}T00:00:00Z`);
    if (run === 0 && d === expected - 86_400_000) expected = d; // yesterday's streak still counts
    if (d !== expected) break;
    run++;
    expected -= 86_400_000;
  }
  return run;
}

async function completeIfDone(
  ctx: Pick<AppContext, 'clock' | 'events'>,
  tx: Tx,
  tenantId: string,
  m: MissionRow,
  memberId: string,
  at: Date,
  timeZone: string,
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`mission:${m.mission_id}:${memberId}`}))`.execute(
    tx,
  );
  const last = await lastCompletion(tx, m.mission_id, memberId);
  if (last && !m.repeatable) return;
  const progress = await missionProgress(tx, m, memberId, at, timeZone, last?.completed_at ?? null);
  if (progress < m.target) return;
  const round = (last?.round ?? 0) + 1;
  let pointsAwarded = 0;
  if (m.reward_points > 0) {
    await earnPoints(ctx, tx, {
      tenantId,
      memberId,
      points: m.reward_points,
      reason: `mission: ${m.name}`,
      source: 'mission',
      sourceRef: `${m.mission_id}:${round}`,
      details: { missionId: m.mission_id, round },
    });
    pointsAwarded = m.reward_points;
  }
  const coupon = m.reward_id
    ? await issueCouponIfAvailable(ctx, tx, {
        tenantId,
        rewardId: m.reward_id,
        memberId,
        source: 'mission',
        sourceRef: `mission:${m.mission_id}:${round}`,
      })
    : null;
  await tx
    .insertInto('mission_completions')
    .values({
      tenant_id: tenantId,
      mission_id: m.mission_id,
      member_id: memberId,
      round,
      completed_at: at,
      points_awarded: pointsAwarded,
      coupon_id: coupon?.couponId ?? null,
    })
    .execute();
  if (m.badge_id)
    await tx
      .insertInto('member_badges')
      .values({
        tenant_id: tenantId,
        member_id: memberId,
        badge_id: m.badge_id,
        mission_id: m.mission_id,
        granted_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  await ctx.events.record(tx, tenantId, 'mission.completed', {
    memberId,
    missionId: m.mission_id,
    round,
    pointsAwarded,
    couponId: coupon?.couponId ?? null,
    badgeId: m.badge_id,
  });
}

export { lastCompletion };
