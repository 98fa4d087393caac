import { randomUUID } from 'node:crypto';
import type { Purchase } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { assertMember } from './member-rules';

export type PurchaseInput = {
  memberId: string;
  storeId: string | null;
  externalId: string | null;
  occurredAt?: string;
  channel: 'pos' | 'online' | 'manual' | 'api' | 'import';
  lines: { sku?: string; name?: string; quantity: number; unitPriceMinor: number }[];
  totalMinor?: number;
};

/** Purchases with their lines, in the order of `ids` (two queries, whatever the count). */
export async function readPurchases(tx: Tx, ids: string[]): Promise<Purchase[]> {
  if (!ids.length) return [];
  const heads = await tx
    .selectFrom('purchases')
    .selectAll()
    .where('purchase_id', 'in', ids)
    .execute();
  const lines = await tx
    .selectFrom('purchase_lines')
    .selectAll()
    .where('purchase_id', 'in', ids)
    .orderBy('line_no')
    .execute();
  const byId = new Map(heads.map((p) => [p.purchase_id, p]));
  return ids
    .map((id) => byId.get(id))
    .filter((p) => !!p)
    .map((p) => ({
      purchaseId: p.purchase_id,
      memberId: p.member_id,
      storeId: p.store_id,
      externalId: p.external_id,
      occurredAt: p.occurred_at.toISOString(),
      totalMinor: Number(p.total_minor),
      channel: p.channel,
      lines: lines
        .filter((l) => l.purchase_id === p.purchase_id)
        .map((l) => ({
          lineNo: l.line_no,
          productId: l.product_id,
          sku: l.sku,
          name: l.name,
          quantity: Number(l.quantity),
          unitPriceMinor: Number(l.unit_price_minor),
          amountMinor: Number(l.amount_minor),
        })),
    }));
}

export const readPurchase = async (tx: Tx, id: string) =>
  (await readPurchases(tx, [id]))[0] ?? null;

type PricedLine = {
  line_no: number;
  product_id: string | null;
  sku: string | null;
  name: string;
  quantity: number;
  unit_price_minor: number;
  amount_minor: number;
};
type LineProduct = { product_id: string; sku: string; name: string; category_id: string | null };

/** Lines with their catalog product (by SKU) and amount; a line needs a name or a known SKU. */
export async function priceLines(
  tx: Tx,
  input: PurchaseInput['lines'],
  known?: Map<string, LineProduct>,
): Promise<{ lines: PricedLine[]; products: LineProduct[] }> {
  const skus = [...new Set(input.map((l) => l.sku).filter((s): s is string => !!s))];
  const products = known
    ? skus.map((s) => known.get(s)).filter((p) => !!p)
    : skus.length
      ? await tx
          .selectFrom('products')
          .select(['product_id', 'sku', 'name', 'category_id'])
          .where('sku', 'in', skus)
          .execute()
      : [];
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const lines = input.map((l, i) => {
    const product = l.sku ? bySku.get(l.sku) : undefined;
    const name = l.name ?? product?.name;
    if (!name)
      throw new AppError('purchase.unknown_line', { line: i + 1 }, { field: `lines.${i}` });
    return {
      line_no: i + 1,
      product_id: product?.product_id ?? null,
      sku: l.sku ?? null,
      name,
      quantity: l.quantity,
      unit_price_minor: l.unitPriceMinor,
      amount_minor: Math.round(l.quantity * l.unitPriceMinor),
    };
  });
  return { lines, products };
}

/** Adds purchases to their members' spending figures (one row per member, whatever the count). */
export async function addToStats(
  tx: Tx,
  tenantId: string,
  rows: { memberId: string; total: number; occurredAt: Date }[],
): Promise<void> {
  if (!rows.length) return;
  await sql`
    INSERT INTO member_stats (tenant_id, member_id, purchase_count, total_spent_minor, first_purchase_at, last_purchase_at)
    SELECT ${tenantId}, x.member_id, count(*), sum(x.total), min(x.at), max(x.at)
    FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ member_id: r.memberId, total: r.total, at: r.occurredAt })))}::jsonb)
      AS x(member_id uuid, total bigint, at timestamptz)
    GROUP BY x.member_id
    ON CONFLICT (tenant_id, member_id) DO UPDATE SET
      purchase_count = member_stats.purchase_count + EXCLUDED.purchase_count,
      total_spent_minor = member_stats.total_spent_minor + EXCLUDED.total_spent_minor,
      first_purchase_at = least(member_stats.first_purchase_at, EXCLUDED.first_purchase_at),
      last_purchase_at = greatest(member_stats.last_purchase_at, EXCLUDED.last_purchase_at)`.execute(
    tx,
  );
}

/**
 * Takes a return's amount off the member's spending figures (the purchase and its count stay:
 * it happened). Called by the module that records returns, in its transaction, once per return.
 */
export async function recordReturnedSpend(
  tx: Tx,
  tenantId: string,
  memberId: string,
  purchaseId: string,
  amountMinor: number,
): Promise<void> {
  if (amountMinor <= 0) return;
  await sql`
    UPDATE purchases SET returned_minor = least(total_minor, returned_minor + ${amountMinor})
    WHERE tenant_id = ${tenantId} AND purchase_id = ${purchaseId}`.execute(tx);
  await sql`
    UPDATE member_stats SET total_spent_minor = greatest(0, total_spent_minor - ${amountMinor})
    WHERE tenant_id = ${tenantId} AND member_id = ${memberId}`.execute(tx);
}

export const recordedPayload = (
  p: {
    purchaseId: string;
    memberId: string;
    storeId: string | null;
    total: number;
    occurredAt: Date;
  },
  lines: PricedLine[],
  products: LineProduct[],
) => ({
  purchaseId: p.purchaseId,
  memberId: p.memberId,
  storeId: p.storeId,
  totalMinor: p.total,
  occurredAt: p.occurredAt.toISOString(),
  productIds: lines.map((l) => l.product_id).filter(Boolean),
  categoryIds: [...new Set(products.map((p) => p.category_id).filter(Boolean))],
});

/**
 * Records a purchase with its lines and keeps the member's spending figures current, in one
 * transaction with its `purchase.recorded` event. The same external id is the same purchase:
 * a retry returns the first one and changes nothing.
 */
export function recordPurchase(
  ctx: AppContext,
  auth: AuthContext,
  input: PurchaseInput,
): Promise<{ purchase: Purchase; created: boolean }> {
  checkStore(auth, input);
  return ctx.db.withTenant(auth.tenantId, (tx) => recordPurchaseIn(ctx, tx, auth, input));
}

function checkStore(auth: AuthContext, input: PurchaseInput): string | null {
  const storeId = input.storeId ?? auth.storeId;
  if (storeId && auth.allowedStoreIds && !auth.allowedStoreIds.includes(storeId))
    throw new AppError('store.not_allowed');
  return storeId;
}

/**
 * recordPurchase in the caller's transaction (bound to the caller's tenant): for a flow that
 * must be atomic with the purchase, such as the till earning its points and upgrading the tier.
 */
export async function recordPurchaseIn(
  ctx: AppContext,
  tx: Tx,
  auth: AuthContext,
  input: PurchaseInput,
): Promise<{ purchase: Purchase; created: boolean }> {
  const storeId = checkStore(auth, input);
  const member = await tx
    .selectFrom('members')
    .select('member_id')
    .where('member_id', '=', input.memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!member) throw notFound('member');
  if (
    storeId &&
    !(await tx
      .selectFrom('stores')
      .select('store_id')
      .where('store_id', '=', storeId)
      .executeTakeFirst())
  )
    throw notFound('store');
  const { lines, products } = await priceLines(tx, input.lines);
  const total = input.totalMinor ?? lines.reduce((s, l) => s + l.amount_minor, 0);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : ctx.clock.now();
  const purchaseId = randomUUID();
  const inserted = await sql<{ purchase_id: string }>`
    INSERT INTO purchases (tenant_id, purchase_id, member_id, store_id, external_id, occurred_at, total_minor, channel, source_ref, created_by)
    VALUES (${auth.tenantId}, ${purchaseId}, ${input.memberId}, ${storeId}, ${input.externalId}, ${occurredAt}, ${total}, ${input.channel},
            ${JSON.stringify({ actorType: auth.actor.type, actorId: auth.actor.id })}, ${auth.actor.id})
    ON CONFLICT (tenant_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
    RETURNING purchase_id`.execute(tx);
  if (!inserted.rows.length) {
    const existing = await tx
      .selectFrom('purchases')
      .select('purchase_id')
      .where('external_id', '=', input.externalId!)
      .executeTakeFirstOrThrow();
    const purchase = (await readPurchase(tx, existing.purchase_id))!;
    if (purchase.memberId !== input.memberId || purchase.totalMinor !== total)
      throw new AppError('purchase.external_id_conflict', { externalId: input.externalId! });
    return { purchase, created: false };
  }
  await tx
    .insertInto('purchase_lines')
    .values(lines.map((l) => ({ ...l, tenant_id: auth.tenantId, purchase_id: purchaseId })))
    .execute();
  await addToStats(tx, auth.tenantId, [{ memberId: input.memberId, total, occurredAt }]);
  await ctx.events.record(
    tx,
    auth.tenantId,
    'purchase.recorded',
    recordedPayload(
      { purchaseId, memberId: input.memberId, storeId, total, occurredAt },
      lines,
      products,
    ),
  );
  return { purchase: (await readPurchase(tx, purchaseId))!, created: true };
}

export async function memberPurchases(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  limit: number,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    const ids = await tx
      .selectFrom('purchases')
      .select('purchase_id')
      .where('member_id', '=', memberId)
      .orderBy('occurred_at', 'desc')
      .limit(limit)
      .execute();
    return readPurchases(
      tx,
      ids.map((r) => r.purchase_id),
    );
  });
}
