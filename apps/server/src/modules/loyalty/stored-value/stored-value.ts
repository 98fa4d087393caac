import { randomUUID } from 'node:crypto';
import type { StoredValueEntriesTable, Tx } from '@regulars/db';
import type { Selectable } from 'kysely';
import { sql } from '@regulars/db';
import { AppError, notFound } from '../../../http/errors';
import type { ActorRef, LedgerCtx } from '../points/ledger-store';

type Row = Selectable<StoredValueEntriesTable>;
type Kind = Row['kind'];
export type StoredValueInput = {
  memberId: string;
  amountMinor: number;
  externalId: string;
  storeId?: string | null;
  reason?: string;
};

export const toEntry = (r: Row) => ({
  entryId: r.entry_id,
  kind: r.kind,
  amountMinor: Number(r.amount_minor),
  balanceAfterMinor: Number(r.balance_after),
  externalId: r.external_id,
  storeId: r.store_id,
  reason: r.reason,
  occurredAt: r.occurred_at.toISOString(),
});

/** Locks the member's stored-value account (opening it at zero) and returns its balance. */
async function lockAccount(tx: Tx, tenantId: string, memberId: string): Promise<number> {
  try {
    const r = await sql<{ balance_minor: string }>`
      INSERT INTO stored_value_accounts (tenant_id, member_id) VALUES (${tenantId}, ${memberId})
      ON CONFLICT (tenant_id, member_id) DO UPDATE SET balance_minor = stored_value_accounts.balance_minor
      RETURNING balance_minor`.execute(tx);
    return Number(r.rows[0]!.balance_minor);
  } catch (err) {
    if ((err as { code?: string }).code === '23503') throw notFound('member');
    throw err;
  }
}

const findByExternalId = (tx: Tx, kind: Kind, externalId: string) =>
  tx
    .selectFrom('stored_value_entries')
    .selectAll()
    .where('kind', '=', kind)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

/**
 * One movement of stored value under the account's lock: once per (kind, external id) — a retry
 * returns the first — and never below zero.
 */
async function move(
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  kind: Kind,
  input: StoredValueInput & { refundOf?: string },
  actor: ActorRef,
  check?: (balance: number) => void | Promise<void>,
) {
  const balance = await lockAccount(tx, tenantId, input.memberId);
  const existing = await findByExternalId(tx, kind, input.externalId);
  if (existing) {
    if (
      existing.member_id !== input.memberId ||
      Number(existing.amount_minor) !== (kind === 'spend' ? -input.amountMinor : input.amountMinor)
    )
      throw new AppError('stored_value.external_id_conflict', { externalId: input.externalId });
    return { entry: toEntry(existing), balanceMinor: balance };
  }
  await check?.(balance);
  const delta = kind === 'spend' ? -input.amountMinor : input.amountMinor;
  const now = ctx.clock.now();
  const row = await tx
    .insertInto('stored_value_entries')
    .values({
      tenant_id: tenantId,
      entry_id: randomUUID(),
      member_id: input.memberId,
      kind,
      amount_minor: delta,
      balance_after: balance + delta,
      external_id: input.externalId,
      refund_of: input.refundOf ?? null,
      store_id: input.storeId ?? null,
      reason: input.reason ?? '',
      actor_type: actor.actorType ?? (actor.actorId ? 'staff' : 'system'),
      actor_id: actor.actorId ?? null,
      occurred_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .updateTable('stored_value_accounts')
    .set({ balance_minor: String(balance + delta), updated_at: now })
    .where('member_id', '=', input.memberId)
    .execute();
  await ctx.events.record(tx, tenantId, `stored_value.${kind}`, {
    memberId: input.memberId,
    entryId: row.entry_id,
    amountMinor: delta,
    balanceMinor: balance + delta,
  });
  return { entry: toEntry(row), balanceMinor: balance + delta };
}

export const topUpStoredValue = (
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  input: StoredValueInput,
  actor: ActorRef,
) => move(ctx, tx, tenantId, 'top_up', input, actor);

export const spendStoredValue = (
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  input: StoredValueInput,
  actor: ActorRef,
) =>
  move(ctx, tx, tenantId, 'spend', input, actor, (balance) => {
    if (balance < input.amountMinor)
      throw new AppError('stored_value.insufficient', { balance, amount: input.amountMinor });
  });

/** Gives back (part of) a stored-value payment, never more than what is left of it. */
export async function refundStoredValue(
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  input: { spendExternalId: string; amountMinor: number; externalId: string; reason?: string },
  actor: ActorRef,
) {
  const spent = await findByExternalId(tx, 'spend', input.spendExternalId);
  if (!spent) throw notFound('stored_value_entry');
  const refund = {
    ...input,
    memberId: spent.member_id,
    storeId: spent.store_id,
    refundOf: spent.entry_id,
  };
  return move(ctx, tx, tenantId, 'refund', refund, actor, async () => {
    const given = await tx
      .selectFrom('stored_value_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_minor'), eb.val('0')).as('n'))
      .where('refund_of', '=', spent.entry_id)
      .executeTakeFirstOrThrow();
    const left = -Number(spent.amount_minor) - Number(given.n);
    if (input.amountMinor > left) throw new AppError('stored_value.refund_too_large', { left });
  });
}

/** The member's stored-value balance and latest movements. */
export async function storedValueAccount(tx: Tx, memberId: string, limit = 50) {
  const account = await tx
    .selectFrom('stored_value_accounts')
    .select('balance_minor')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  const entries = await tx
    .selectFrom('stored_value_entries')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('occurred_at', 'desc')
    .orderBy('entry_id', 'desc')
    .limit(limit)
    .execute();
  return { balanceMinor: Number(account?.balance_minor ?? 0), entries: entries.map(toEntry) };
}
