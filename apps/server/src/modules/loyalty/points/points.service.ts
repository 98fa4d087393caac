import { randomUUID } from 'node:crypto';
import type { PointsEntry, RuleAward } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError, notFound } from '../../../http/errors';
import { recordAudit } from '../../../platform/audit';
import { earnPoints, pointsBalance, spendPoints } from './ledger';

/** The member exists in this business (and was not erased or merged away). */
export async function assertMember(tx: Tx, memberId: string): Promise<void> {
  const m = await tx
    .selectFrom('members')
    .select('member_id')
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!m) throw notFound('member');
}

/** Balance, what lapses next, and every batch still holding points. */
export const memberPoints = (ctx: AppContext, auth: AuthContext, memberId: string) =>
  ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    const batches = await tx
      .selectFrom('points_batches')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('remaining', '>', 0)
      .where('status', 'in', ['pending', 'active'])
      .orderBy(sql`expires_at asc nulls last`)
      .orderBy('created_at')
      .limit(200)
      .execute();
    return {
      ...(await pointsBalance(tx, memberId)),
      batches: batches.map((b) => ({
        batchId: b.batch_id,
        status: b.status,
        earned: b.earned,
        remaining: b.remaining,
        confirmAt: b.confirm_at?.toISOString() ?? null,
        expiresAt: b.expires_at?.toISOString() ?? null,
        createdAt: b.created_at.toISOString(),
      })),
    };
  });

const parseCursor = (cursor: string): string => {
  if (!/^\d{1,19}$/.test(cursor))
    throw new AppError('request.invalid', { detail: 'cursor is not one this API gave' });
  return cursor;
};

/** The member's ledger, newest first, each entry with the rules that explain it. */
export const pointsHistory = (
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  page: { cursor?: string; limit: number },
) =>
  ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    let q = tx
      .selectFrom('points_entries')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('seq', 'desc')
      .limit(page.limit + 1);
    if (page.cursor) q = q.where('seq', '<', parseCursor(page.cursor));
    const rows = await q.execute();
    const items = rows.slice(0, page.limit).map((e): PointsEntry => ({
      entryId: e.entry_id,
      kind: e.kind,
      points: e.points,
      pendingPoints: e.pending_points,
      reason: e.reason,
      source: e.source,
      sourceRef: e.source_ref,
      actorType: e.actor_type,
      actorId: e.actor_id,
      awards: (e.details as { awards?: RuleAward[] }).awards ?? [],
      balanceAfter: e.balance_after,
      occurredAt: e.occurred_at.toISOString(),
    }));
    return {
      items,
      nextCursor: rows.length > page.limit ? String(rows[page.limit - 1]!.seq) : null,
    };
  });

/**
 * A manual adjustment, with its reason, by someone allowed to adjust points: added as a batch
 * under the expiry policy, or taken soonest-expiring first (never below zero). Audited.
 */
export function adjustPoints(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  input: { points: number; reason: string },
) {
  if (!Number.isSafeInteger(input.points) || input.points === 0)
    throw new AppError(
      'points.invalid_amount',
      { points: String(input.points) },
      { field: 'points' },
    );
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    const move = {
      tenantId: auth.tenantId,
      memberId,
      points: Math.abs(input.points),
      reason: input.reason,
      source: 'manual',
      sourceRef: randomUUID(),
      actorId: auth.actor.id,
      actorType: auth.actor.type,
      kind: 'adjust' as const,
    };
    const done =
      input.points > 0 ? await earnPoints(ctx, tx, move) : await spendPoints(ctx, tx, move);
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'points.adjusted',
      entityType: 'member',
      entityId: memberId,
      after: { points: input.points, reason: input.reason, entryId: done.entryId },
    });
    return { entryId: done.entryId, balance: await pointsBalance(tx, memberId) };
  });
}
