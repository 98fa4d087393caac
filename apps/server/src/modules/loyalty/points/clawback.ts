import type { Tx } from '@regulars/db';
import { AppError } from '../../../http/errors';
import { expireMemberBatches } from './expiry';
import {
  consumeBatches,
  findEntry,
  insertEntry,
  lockBalance,
  moveBalance,
  type ActorRef,
  type LedgerCtx,
} from './ledger-store';

/**
 * Takes back `points` of what the earning entry `earnEntryId` gave (a return): first from its
 * batch while still pending, then from its batch, then from the member's other batches. Points
 * already spent become a debt (a negative balance, paid off by future earning) when the
 * programme allows it; otherwise the return is refused. Once per `sourceRef`.
 */
export async function clawbackPoints(
  ctx: LedgerCtx,
  tx: Tx,
  input: ActorRef & {
    tenantId: string;
    memberId: string;
    earnEntryId: string;
    points: number;
    sourceRef: string;
    allowNegative: boolean;
    details?: Record<string, unknown>;
  },
): Promise<{ entryId: string; balance: number }> {
  const { tenantId, memberId } = input;
  let bal = await lockBalance(tx, tenantId, memberId);
  const existing = await findEntry(tx, memberId, 'clawback', 'return', input.sourceRef);
  if (existing) return { entryId: existing.entry_id, balance: bal.available };
  const now = ctx.clock.now();
  bal = await expireMemberBatches(ctx, tx, tenantId, memberId, now, bal);
  const own = await tx
    .selectFrom('points_batches')
    .select(['batch_id', 'status', 'remaining'])
    .where('entry_id', '=', input.earnEntryId)
    .executeTakeFirst();
  const fromPending = own?.status === 'pending' ? Math.min(input.points, own.remaining) : 0;
  const rest = input.points - fromPending;
  const spendable = Math.max(bal.available, 0);
  if (rest > spendable && !input.allowNegative)
    throw new AppError('points.refund_refused', { points: input.points, available: spendable });
  const fromOwn = own?.status === 'active' ? Math.min(rest, own.remaining, spendable) : 0;
  const fromOthers = Math.min(rest - fromOwn, spendable - fromOwn);
  const entryId = await insertEntry(tx, {
    ...input,
    kind: 'clawback',
    points: -rest,
    pendingPoints: -fromPending,
    reason: 'return',
    source: 'return',
    sourceRef: input.sourceRef,
    details: {
      ...input.details,
      takesBackFrom: input.earnEntryId,
      debt: rest - fromOwn - fromOthers,
    },
    balanceAfter: bal.available - rest,
    at: now,
  });
  if (own && fromPending + fromOwn > 0) {
    await tx
      .updateTable('points_batches')
      .set((eb) => ({ remaining: eb('remaining', '-', fromPending + fromOwn) }))
      .where('batch_id', '=', own.batch_id)
      .execute();
    await tx
      .insertInto('points_allocations')
      .values({
        tenant_id: tenantId,
        entry_id: entryId,
        batch_id: own.batch_id,
        points: fromPending + fromOwn,
      })
      .execute();
  }
  await consumeBatches(tx, tenantId, memberId, fromOthers, entryId);
  const after = await moveBalance(tx, tenantId, memberId, -rest, -fromPending, now);
  await ctx.events.record(tx, tenantId, 'points.clawed_back', {
    memberId,
    entryId,
    points: -input.points,
    sourceRef: input.sourceRef,
    balance: after.available,
  });
  return { entryId, balance: after.available };
}
