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
  // One round trip: the head's columns repeat on each line (a purchase has at least one).
  const rows = await sql<{
    member_id: string;
    store_id: string | null;
    occurred_at: Date;
    total_minor: string;
    line_no: number | null;
    product_id: string | null;
    quantity: string | null;
    amount_minor: string | null;
    path: string[] | null;
  }>`
    SELECT p.member_id, p.store_id, p.occurred_at, p.total_minor,
           l.line_no, l.product_id, l.quantity, l.amount_minor, c.path
    FROM purchases p
    LEFT JOIN purchase_lines l ON l.tenant_id = p.tenant_id AND l.purchase_id = p.purchase_id
    LEFT JOIN products pr ON pr.tenant_id = l.tenant_id AND pr.product_id = l.product_id
    LEFT JOIN product_categories c ON c.tenant_id = pr.tenant_id AND c.category_id = pr.category_id
    WHERE p.purchase_id = ${purchaseId} ORDER BY l.line_no`.execute(tx);
  const head = rows.rows[0];
  if (!head) return null;
  const total = Number(head.total_minor);
  return {
    purchaseId,
    memberId: head.member_id,
    storeId: head.store_id,
    occurredAt: head.occurred_at,
    totalMinor: total,
    lines: paidLines(
      rows.rows
        .filter((l) => l.line_no !== null)
        .map((l) => ({
          lineNo: l.line_no!,
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
