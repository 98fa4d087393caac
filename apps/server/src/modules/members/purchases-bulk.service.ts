import { randomUUID } from 'node:crypto';
import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { addToStats, priceLines, recordedPayload, type PurchaseInput } from './purchases.service';

/**
 * Records many purchases in one transaction by the rules of recordPurchase (lines priced from the
 * catalog, the members' spending figures, one `purchase.recorded` event each), in a few
 * statements whatever the count: for bulk loads such as the demo's history. A purchase whose
 * external id is already recorded is skipped, so a re-run records nothing twice.
 */
export async function recordPurchases(
  ctx: AppContext,
  auth: AuthContext,
  inputs: (PurchaseInput & { externalId: string; occurredAt: string })[],
): Promise<{ created: number; skipped: number }> {
  if (!inputs.length) return { created: 0, skipped: 0 };
  const storeOf = (i: PurchaseInput) => i.storeId ?? auth.storeId;
  const storeIds = [...new Set(inputs.map(storeOf).filter((s): s is string => !!s))];
  if (auth.allowedStoreIds && storeIds.some((s) => !auth.allowedStoreIds!.includes(s)))
    throw new AppError('store.not_allowed');
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const memberIds = [...new Set(inputs.map((i) => i.memberId))];
    const members = await tx
      .selectFrom('members')
      .select('member_id')
      .where('member_id', 'in', memberIds)
      .where('status', '=', 'active')
      .execute();
    if (members.length !== memberIds.length) throw notFound('member');
    if (storeIds.length) {
      const stores = await tx
        .selectFrom('stores')
        .select('store_id')
        .where('store_id', 'in', storeIds)
        .execute();
      if (stores.length !== storeIds.length) throw notFound('store');
    }
    const skus = [...new Set(inputs.flatMap((i) => i.lines.map((l) => l.sku)))].filter(
      (s): s is string => !!s,
    );
    const known = new Map(
      (skus.length
        ? await tx
            .selectFrom('products')
            .select(['product_id', 'sku', 'name', 'category_id'])
            .where('sku', 'in', skus)
            .execute()
        : []
      ).map((p) => [p.sku, p]),
    );
    const priced = [];
    for (const input of inputs) {
      const { lines, products } = await priceLines(tx, input.lines, known);
      const total = input.totalMinor ?? lines.reduce((s, l) => s + l.amount_minor, 0);
      priced.push({ input, lines, products, total, purchaseId: randomUUID() });
    }
    const source = JSON.stringify({ actorType: auth.actor.type, actorId: auth.actor.id });
    const heads = priced.map((p) => ({
      purchase_id: p.purchaseId,
      member_id: p.input.memberId,
      store_id: storeOf(p.input),
      external_id: p.input.externalId,
      occurred_at: new Date(p.input.occurredAt).toISOString(),
      total_minor: p.total,
      channel: p.input.channel,
    }));
    const inserted = await sql<{ purchase_id: string }>`
      INSERT INTO purchases (tenant_id, purchase_id, member_id, store_id, external_id, occurred_at, total_minor, channel, source_ref, created_by)
      SELECT ${auth.tenantId}, x.purchase_id, x.member_id, x.store_id, x.external_id, x.occurred_at, x.total_minor, x.channel,
             ${source}::jsonb, ${auth.actor.id}::uuid
      FROM jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) AS x(purchase_id uuid, member_id uuid,
        store_id uuid, external_id text, occurred_at timestamptz, total_minor bigint, channel text)
      ON CONFLICT (tenant_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
      RETURNING purchase_id`.execute(tx);
    const fresh = new Set(inserted.rows.map((r) => r.purchase_id));
    const made = priced.filter((p) => fresh.has(p.purchaseId));
    const lines = made.flatMap((p) => p.lines.map((l) => ({ ...l, purchase_id: p.purchaseId })));
    if (lines.length)
      await sql`
        INSERT INTO purchase_lines (tenant_id, purchase_id, line_no, product_id, sku, name, quantity, unit_price_minor, amount_minor)
        SELECT ${auth.tenantId}, x.purchase_id, x.line_no, x.product_id, x.sku, x.name, x.quantity, x.unit_price_minor, x.amount_minor
        FROM jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) AS x(purchase_id uuid, line_no integer,
          product_id uuid, sku text, name text, quantity numeric, unit_price_minor bigint, amount_minor bigint)`.execute(
        tx,
      );
    const facts = made.map((p) => ({
      purchaseId: p.purchaseId,
      memberId: p.input.memberId,
      storeId: storeOf(p.input),
      total: p.total,
      occurredAt: new Date(p.input.occurredAt),
    }));
    await addToStats(tx, auth.tenantId, facts);
    for (const [i, f] of facts.entries())
      await ctx.events.record(
        tx,
        auth.tenantId,
        'purchase.recorded',
        recordedPayload(f, made[i]!.lines, made[i]!.products),
      );
    return { created: made.length, skipped: inputs.length - made.length };
  });
}
