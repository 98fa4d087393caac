import { randomUUID } from 'node:crypto';
import type { RuleAward } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import { AppError, notFound } from '../../../http/errors';
import { recordReturnedSpend } from '../../members';
import { clawbackPoints } from '../points/clawback';
import { lockBalance, type ActorRef, type LedgerCtx } from '../points/ledger-store';
import { pointsBalance } from '../points/ledger';
import { readProgram } from '../points/program';
import { purchaseFacts } from '../rules/purchase-facts';

type ReturnLine = { lineNo: number; quantity: number; amountMinor: number; points: number };
export type ReturnInput = {
  purchaseId?: string;
  purchaseExternalId?: string;
  externalId: string;
  lines?: { lineNo: number; quantity: number }[];
};

async function findPurchaseId(tx: Tx, input: ReturnInput): Promise<string> {
  let q = tx.selectFrom('purchases').select('purchase_id');
  if (input.purchaseId) q = q.where('purchase_id', '=', input.purchaseId);
  else if (input.purchaseExternalId) q = q.where('external_id', '=', input.purchaseExternalId);
  else
    throw new AppError('request.invalid', {
      detail: 'purchaseId or purchaseExternalId is required',
    });
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('purchase');
  return row.purchase_id;
}

const resultOf = async (
  tx: Tx,
  r: {
    return_id: string;
    purchase_id: string;
    member_id: string;
    amount_minor: string | number;
    points: number;
  },
) => ({
  returnId: r.return_id,
  purchaseId: r.purchase_id,
  amountMinor: Number(r.amount_minor),
  pointsTakenBack: r.points,
  balance: await pointsBalance(tx, r.member_id),
});

/**
 * A return of a purchase, whole or by line and quantity: takes back the points the purchase
 * earned in proportion — cumulatively exact, so returning every item in parts takes back
 * exactly what was earned — and the amount off the member's spending figures. Once per
 * external id.
 */
export async function recordReturn(
  ctx: LedgerCtx,
  tx: Tx,
  tenantId: string,
  input: ReturnInput,
  actor: ActorRef,
) {
  const purchaseId = await findPurchaseId(tx, input);
  const facts = (await purchaseFacts(tx, purchaseId))!;
  await lockBalance(tx, tenantId, facts.memberId);
  const existing = await tx
    .selectFrom('purchase_returns')
    .selectAll()
    .where('external_id', '=', input.externalId)
    .executeTakeFirst();
  if (existing) {
    if (existing.purchase_id !== purchaseId)
      throw new AppError('return.external_id_conflict', { externalId: input.externalId });
    return resultOf(tx, existing);
  }
  const earlier = await tx
    .selectFrom('purchase_returns')
    .select('lines')
    .where('purchase_id', '=', purchaseId)
    .execute();
  const done = new Map<number, { quantity: number; amountMinor: number; points: number }>();
  for (const r of earlier)
    for (const l of r.lines as ReturnLine[]) {
      const d = done.get(l.lineNo) ?? { quantity: 0, amountMinor: 0, points: 0 };
      done.set(l.lineNo, {
        quantity: d.quantity + l.quantity,
        amountMinor: d.amountMinor + l.amountMinor,
        points: d.points + l.points,
      });
    }
  const earn = await tx
    .selectFrom('points_entries')
    .select(['entry_id', 'details'])
    .where('member_id', '=', facts.memberId)
    .where('kind', '=', 'earn')
    .where('source', '=', 'purchase')
    .where('source_ref', '=', purchaseId)
    .executeTakeFirst();
  const earnedByLine = new Map<number, number>();
  for (const a of (earn?.details as { awards?: RuleAward[] })?.awards ?? [])
    for (const l of a.lines)
      earnedByLine.set(l.lineNo, (earnedByLine.get(l.lineNo) ?? 0) + l.points);
  const wanted =
    input.lines ??
    facts.lines.map((l) => ({
      lineNo: l.lineNo,
      quantity: l.quantity - (done.get(l.lineNo)?.quantity ?? 0),
    }));
  const lines: ReturnLine[] = [];
  for (const w of wanted) {
    const line = facts.lines.find((l) => l.lineNo === w.lineNo);
    if (!line) throw new AppError('return.unknown_line', { line: w.lineNo }, { field: 'lines' });
    const prev = done.get(w.lineNo) ?? { quantity: 0, amountMinor: 0, points: 0 };
    const left = line.quantity - prev.quantity;
    if (w.quantity > left + 1e-9)
      throw new AppError(
        'return.too_many',
        { line: w.lineNo, left, bought: line.quantity },
        { field: 'lines' },
      );
    if (w.quantity <= 0) continue;
    const share = (prev.quantity + w.quantity) / line.quantity;
    lines.push({
      lineNo: w.lineNo,
      quantity: w.quantity,
      amountMinor: Math.floor(line.amountMinor * share + 1e-9) - prev.amountMinor,
      points: Math.floor((earnedByLine.get(w.lineNo) ?? 0) * share + 1e-9) - prev.points,
    });
  }
  const returnId = randomUUID();
  const points = lines.reduce((s, l) => s + l.points, 0);
  if (points > 0 && earn)
    await clawbackPoints(ctx, tx, {
      ...actor,
      tenantId,
      memberId: facts.memberId,
      earnEntryId: earn.entry_id,
      points,
      sourceRef: returnId,
      allowNegative: (await readProgram(tx)).allowNegativeBalance,
      details: { purchaseId, returnExternalId: input.externalId },
    });
  const row = await tx
    .insertInto('purchase_returns')
    .values({
      tenant_id: tenantId,
      return_id: returnId,
      purchase_id: purchaseId,
      member_id: facts.memberId,
      external_id: input.externalId,
      lines: JSON.stringify(lines),
      amount_minor: lines.reduce((s, l) => s + l.amountMinor, 0),
      points,
      actor_id: actor.actorId ?? null,
      occurred_at: ctx.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordReturnedSpend(tx, tenantId, facts.memberId, purchaseId, Number(row.amount_minor));
  await ctx.events.record(tx, tenantId, 'purchase.returned', {
    returnId,
    purchaseId,
    memberId: facts.memberId,
    amountMinor: Number(row.amount_minor),
    points,
  });
  return resultOf(tx, row);
}
