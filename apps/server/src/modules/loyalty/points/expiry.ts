import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../../http/context';
import { confirmChunk, dueMembers, expireChunk, lockBalances } from './expiry-chunks';
import { insertEntry, moveBalance, owed, type Balance, type LedgerCtx } from './ledger-store';

/**
 * Expires the member's batches whose time has come, one `expire` entry per batch. The caller
 * holds the member's balance lock (`bal` is what it read). Returns the new balance.
 */
export async function expireMemberBatches(
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  memberId: string,
  now: Date,
  bal: Balance,
): Promise<Balance> {
  const due = await sql<{ batch_id: string; remaining: number; expires_at: Date }>`
    WITH due AS (
      SELECT batch_id, remaining FROM points_batches
      WHERE member_id = ${memberId} AND status = 'active' AND remaining > 0 AND expires_at <= ${now})
    UPDATE points_batches b SET status = 'expired', remaining = 0
    FROM due WHERE b.tenant_id = ${tenantId} AND b.batch_id = due.batch_id
    RETURNING b.batch_id, due.remaining, b.expires_at`.execute(tx);
  if (!due.rows.length) return bal;
  let available = bal.available;
  for (const b of due.rows) {
    available -= b.remaining;
    await insertEntry(tx, {
      tenantId,
      memberId,
      kind: 'expire',
      points: -b.remaining,
      reason: 'expired',
      source: 'expiry',
      sourceRef: b.batch_id,
      details: { expiresAt: b.expires_at.toISOString() },
      balanceAfter: available,
      at: now,
    });
  }
  const total = due.rows.reduce((s, b) => s + b.remaining, 0);
  const after = await moveBalance(tx, tenantId, memberId, -total, 0, now);
  await ctx.events.record(tx, tenantId, 'points.expired', {
    memberId,
    points: -total,
    batches: due.rows.length,
    balance: after.available,
  });
  return after;
}

/**
 * Confirms the member's pending batches whose return window has passed: their points become
 * spendable (paying off any debt first), one `confirm` entry per batch.
 */
export async function confirmMemberBatches(
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  memberId: string,
  now: Date,
  bal: Balance,
): Promise<Balance> {
  const due = await tx
    .selectFrom('points_batches')
    .select(['batch_id', 'remaining'])
    .where('member_id', '=', memberId)
    .where('status', '=', 'pending')
    .where('confirm_at', '<=', now)
    .orderBy('confirm_at')
    .execute();
  if (!due.length) return bal;
  let available = bal.available;
  for (const b of due) {
    const paysOff = owed(available, b.remaining);
    await tx
      .updateTable('points_batches')
      .set({ status: 'active', remaining: b.remaining - paysOff })
      .where('batch_id', '=', b.batch_id)
      .execute();
    available += b.remaining;
    await insertEntry(tx, {
      tenantId,
      memberId,
      kind: 'confirm',
      points: b.remaining,
      pendingPoints: -b.remaining,
      reason: 'confirmed',
      source: 'confirm',
      sourceRef: b.batch_id,
      balanceAfter: available,
      at: now,
    });
  }
  const total = due.reduce((s, b) => s + b.remaining, 0);
  const after = await moveBalance(tx, tenantId, memberId, total, -total, now);
  await ctx.events.record(tx, tenantId, 'points.confirmed', {
    memberId,
    points: total,
    balance: after.available,
  });
  return after;
}

// Members per transaction: each chunk is a few statements whatever its size, and its locks are
// held for well under a second, so a till waiting on one of its members hardly notices.
const CHUNK = 2000;
// Chunks written at once (each on its own connection, on disjoint members).
const CONCURRENCY = 2;
const RETRYABLE = new Set(['40P01', '40001']);
const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/**
 * The nightly work of one tenant: confirms pending points whose return window has passed, then
 * expires what is due — by the injectable clock, set-based in chunks of members by id, each
 * chunk its own transaction: lock the chunk's balances (id order), then one statement writes the
 * batches, entries, balances and events of the whole chunk. Safe to run twice, concurrently or
 * again after being killed: each chunk commits whole, and only what is still due is touched.
 */
export async function runPointsMaintenance(
  ctx: AppContext,
  tenantId: string,
  opts: { chunk?: number; concurrency?: number } = {},
): Promise<{ confirmed: number; expired: number }> {
  const now = ctx.clock.now();
  const size = opts.chunk ?? CHUNK;
  const counts = { confirmed: 0, expired: 0 };
  for (const step of ['confirmed', 'expired'] as const) {
    const write = step === 'confirmed' ? confirmChunk : expireChunk;
    // The chunks are cut one after the other (keyset by member id), written side by side.
    let after = NO_MEMBER;
    let stop = false;
    let cutting: Promise<unknown> = Promise.resolve();
    const nextChunk = () => {
      const next = cutting.then(async () => {
        if (stop) return [];
        const ids = await ctx.db.withTenant(tenantId, (tx) =>
          dueMembers(tx, tenantId, step, now, after, size),
        );
        if (ids.length) after = ids.at(-1)!;
        if (ids.length < size) stop = true;
        return ids;
      });
      cutting = next.catch(() => undefined);
      return next;
    };
    const worker = async () => {
      for (let ids = await nextChunk(); ids.length; ids = await nextChunk()) {
        const done = await inChunk(ctx, tenantId, async (tx) => {
          await lockBalances(tx, tenantId, ids);
          return write(ctx, tx, tenantId, ids, now);
        }).catch((err: unknown) => {
          stop = true; // a failed chunk stops the run; the next run resumes it
          throw err;
        });
        counts[step] += done;
      }
    };
    const ran = await Promise.allSettled(
      Array.from({ length: opts.concurrency ?? CONCURRENCY }, worker),
    );
    const failed = ran.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return counts;
}

/** One chunk's transaction, tried again if PostgreSQL broke a deadlock with another writer. */
async function inChunk<T>(ctx: AppContext, tenantId: string, fn: (tx: Tx) => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.withTenant(tenantId, fn);
    } catch (err) {
      if (attempt >= 5 || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
    }
  }
}
