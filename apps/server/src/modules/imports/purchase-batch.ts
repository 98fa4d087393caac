import type { PurchaseLineValues, RowProblem } from '@regulars/core';
import type { Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { recordPurchases, type PurchaseInput } from '../members';
import { emptyResult, type BatchResult, type ImportJob, type PreparedRow } from './import-run';

type Line = { row: number; v: PurchaseLineValues };

const distinct = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/** Members by the keys the lines name (phone, card number, external id), active ones only. */
async function membersOf(tx: Tx, lines: Line[]) {
  const keys = (f: keyof PurchaseLineValues['member']) => distinct(lines.map((l) => l.v.member[f]));
  const phones = keys('phone');
  const cards = keys('card');
  const ids = keys('externalId');
  const found = await tx
    .selectFrom('members')
    .select(['member_id', 'phone', 'card_number', 'external_id'])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(phones.length ? [eb('phone', 'in', phones)] : []),
        ...(cards.length ? [eb('card_number', 'in', cards)] : []),
        ...(ids.length ? [eb('external_id', 'in', ids)] : []),
        eb.val(false),
      ]),
    )
    .execute();
  const by = new Map<string, string>();
  for (const m of found) {
    if (m.phone) by.set(`phone:${m.phone}`, m.member_id);
    by.set(`card:${m.card_number}`, m.member_id);
    if (m.external_id) by.set(`externalId:${m.external_id}`, m.member_id);
  }
  return (m: PurchaseLineValues['member']) =>
    (m.phone && by.get(`phone:${m.phone}`)) ||
    (m.card && by.get(`card:${m.card}`)) ||
    (m.externalId && by.get(`externalId:${m.externalId}`)) ||
    null;
}

/**
 * One batch of purchase lines (every order whole: the job never cuts an order): finds each
 * order's member and products, skips orders already recorded, and records the rest through
 * the members module's recordPurchases (spending figures, `purchase.recorded` events).
 */
export async function writePurchaseBatch(
  tx: Tx,
  ctx: AppContext,
  job: ImportJob,
  rows: PreparedRow<PurchaseLineValues>[],
): Promise<BatchResult> {
  const result = emptyResult();
  const byOrder = new Map<string, Line[]>();
  for (const r of rows) {
    if (r.kind === 'empty') result.skipped++;
    else if (r.kind === 'rejected') result.rejects.push(r);
    else
      byOrder.set(r.values.orderNo, [
        ...(byOrder.get(r.values.orderNo) ?? []),
        { row: r.row, v: r.values },
      ]);
  }
  if (!byOrder.size) return result;
  const all = [...byOrder.values()].flat();
  const memberOf = await membersOf(tx, all);
  const skus = distinct(all.map((l) => l.v.sku));
  const known = new Set(
    skus.length
      ? (await tx.selectFrom('products').select('sku').where('sku', 'in', skus).execute()).map(
          (p) => p.sku,
        )
      : [],
  );
  const recorded = new Set(
    (
      await tx
        .selectFrom('purchases')
        .select('external_id')
        .where('external_id', 'in', [...byOrder.keys()])
        .execute()
    ).map((p) => p.external_id),
  );
  const inputs: (PurchaseInput & { externalId: string; occurredAt: string })[] = [];
  const memberCol =
    ['memberPhone', 'memberCard', 'memberExternalId'].map(job.columnOf).find((c) => c >= 0) ?? -1;
  for (const [orderNo, lines] of byOrder) {
    if (recorded.has(orderNo)) {
      result.unchanged++;
      continue;
    }
    const head = lines[0]!.v;
    const memberId = memberOf(head.member);
    const problem = (l: Line): RowProblem | null => {
      if (!memberId) {
        const m = head.member;
        return {
          column: memberCol,
          value: m.phone ?? m.card ?? m.externalId ?? '',
          reason: 'member.unknown',
        };
      }
      if (l.v.sku && !known.has(l.v.sku) && !l.v.name)
        return { column: job.columnOf('sku'), value: l.v.sku, reason: 'product.unknown' };
      return null;
    };
    const problems = lines.map(problem);
    if (problems.some(Boolean)) {
      lines.forEach((l, i) =>
        result.rejects.push({
          row: l.row,
          problems: [
            problems[i] ?? {
              column: job.columnOf('orderNo'),
              value: orderNo,
              reason: 'order.incomplete',
            },
          ],
        }),
      );
      continue;
    }
    const priced = lines.map(({ v }) => {
      const unit = v.unitPriceMinor ?? Math.round(v.amountMinor! / v.quantity);
      return {
        sku: v.sku,
        name: v.name,
        quantity: v.quantity,
        unitPriceMinor: unit,
        amount: v.amountMinor ?? Math.round(v.quantity * unit),
      };
    });
    inputs.push({
      memberId: memberId!,
      storeId: head.storeId ?? null,
      externalId: orderNo,
      occurredAt: head.occurredAt!,
      channel: 'import',
      lines: priced.map(({ amount, ...l }) => (void amount, l)),
      totalMinor: priced.reduce((s, l) => s + l.amount, 0),
    });
  }
  if (job.dryRun) result.created += inputs.length;
  else if (inputs.length) {
    const r = await recordPurchases(ctx, job.auth, inputs);
    result.created += r.created;
    result.unchanged += r.skipped;
  }
  return result;
}
