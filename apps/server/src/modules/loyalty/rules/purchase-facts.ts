import { apportion, type BasketLine } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';

export type PurchaseFacts = {
  purchaseId: string;
  memberId: string;
  storeId: string | null;
  occurredAt: Date;
  totalMinor: number;
  lines: (BasketLine & { quantity: number })[];
};

/**
 * Lines priced at what was paid: when the total differs from the lines' sum (a discount), each
 * line's amount is scaled so they add up to the total exactly.
 */
export function paidLines<T extends { amountMinor: number }>(lines: T[], totalMinor: number): T[] {
  const sum = lines.reduce((s, l) => s + l.amountMinor, 0);
  if (sum === totalMinor) return lines;
  const paid = apportion(
    totalMinor,
    lines.map((l) => Math.max(l.amountMinor, 0)),
  );
  return lines.map((l, i) => ({ ...l, amountMinor: paid[i]! }));
}

/**
 * A recorded purchase as the earning rules see it: its lines with their products' category
 * paths. Reads the catalog's tables (the members module's) and never writes them.
 */
export async function purchaseFacts(tx: Tx, purchaseId: string): Promise<PurchaseFacts | null> {
  const head = await tx
    .selectFrom('purchases')
    .select(['member_id', 'store_id', 'occurred_at', 'total_minor'])
    .where('purchase_id', '=', purchaseId)
    .executeTakeFirst();
  if (!head) return null;
  const lines = await sql<{
    line_no: number;
    product_id: string | null;
    quantity: string;
    amount_minor: string;
    path: string[] | null;
  }>`
    SELECT l.line_no, l.product_id, l.quantity, l.amount_minor, c.path
    FROM purchase_lines l
    LEFT JOIN products p ON p.tenant_id = l.tenant_id AND p.product_id = l.product_id
    LEFT JOIN product_categories c ON c.tenant_id = p.tenant_id AND c.category_id = p.category_id
    WHERE l.purchase_id = ${purchaseId} ORDER BY l.line_no`.execute(tx);
  const total = Number(head.total_minor);
  return {
    purchaseId,
    memberId: head.member_id,
    storeId: head.store_id,
    occurredAt: head.occurred_at,
    totalMinor: total,
    lines: paidLines(
      lines.rows.map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        categoryPath: l.path ?? [],
        quantity: Number(l.quantity),
        amountMinor: Number(l.amount_minor),
      })),
      total,
    ),
  };
}

/** Basket lines for a preview, priced from the catalog by SKU like a recorded purchase. */
export async function basketLines(
  tx: Tx,
  input: { sku?: string; quantity: number; unitPriceMinor: number }[],
): Promise<BasketLine[]> {
  const skus = [...new Set(input.map((l) => l.sku).filter((s): s is string => !!s))];
  const products = skus.length
    ? (
        await sql<{ sku: string; product_id: string; path: string[] | null }>`
          SELECT p.sku, p.product_id, c.path FROM products p
          LEFT JOIN product_categories c ON c.tenant_id = p.tenant_id AND c.category_id = p.category_id
          WHERE p.sku = ANY(${skus}::text[])`.execute(tx)
      ).rows
    : [];
  const bySku = new Map(products.map((p) => [p.sku, p]));
  return input.map((l, i) => {
    const p = l.sku ? bySku.get(l.sku) : undefined;
    return {
      lineNo: i + 1,
      productId: p?.product_id ?? null,
      categoryPath: p?.path ?? [],
      amountMinor: Math.round(l.quantity * l.unitPriceMinor),
    };
  });
}
