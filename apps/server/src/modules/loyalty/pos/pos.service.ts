import type { PosPurchaseRequest, PosPurchaseResult, TierChange } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../../http/context';
import { recordPurchaseIn } from '../../members';
import { pointsBalance } from '../points/ledger';
import { earnForPurchase } from '../rules/earning';
import { evaluateMemberTier } from '../tiers/tier-evaluation';
import { usableCoupons } from './till-coupons';

export const actorOf = (auth: AuthContext) => ({
  actorId: auth.actor.id,
  actorType: auth.actor.type,
});

type Named = { tierId: string; name: string } | null;
const named = (id: unknown, name: unknown): Named =>
  typeof id === 'string' ? { tierId: id, name: String(name ?? '') } : null;

/**
 * The tier change the purchase's own transaction made, read back from its `tier.changed` event:
 * both rows take the transaction's start time (now()) as their time, so a retry of the sale
 * answers what the first one did, and a later change by another write is never mistaken for it.
 */
async function tierChangeOfPurchase(
  tx: Tx,
  memberId: string,
  purchaseId: string,
): Promise<TierChange | null> {
  const r = await sql<{ payload: Record<string, unknown> }>`
    SELECT e.payload FROM domain_events e
    JOIN purchases p ON p.purchase_id = ${purchaseId}::uuid AND e.occurred_at = p.created_at
    WHERE e.type = 'tier.changed' AND e.payload->>'memberId' = ${memberId}
    ORDER BY e.occurred_at LIMIT 1`.execute(tx);
  const p = r.rows[0]?.payload;
  if (!p) return null;
  return {
    from: named(p.fromTierId, p.fromTierName),
    to: named(p.toTierId, p.toTierName),
    change: p.change as TierChange['change'],
  };
}

/**
 * A sale at the till, in one transaction: the purchase (through the members module), its points,
 * the member's tier raised at once if the purchase reaches a higher one (with that tier's perk
 * coupon), and the coupons usable now. The external id makes it once-only: a retry gets the same
 * purchase, points and tier change. The engine's `purchase.recorded` and `points.earned`
 * reactions find the points earned and the tier already raised, and change nothing.
 */
export function posPurchase(
  ctx: AppContext,
  auth: AuthContext,
  input: z.infer<typeof PosPurchaseRequest>,
): Promise<z.infer<typeof PosPurchaseResult>> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const { purchase, created } = await recordPurchaseIn(ctx, tx, auth, {
      ...input,
      channel: 'pos',
    });
    const { memberId, purchaseId } = purchase;
    const earned = await earnForPurchase(ctx, tx, auth.tenantId, purchaseId, actorOf(auth));
    let tierChange: TierChange | null = null;
    if (created) {
      const outcome = await evaluateMemberTier(ctx, tx, auth.tenantId, memberId, {
        reevaluate: false,
      });
      if (outcome.change) tierChange = await tierChangeOfPurchase(tx, memberId, purchaseId);
    } else tierChange = await tierChangeOfPurchase(tx, memberId, purchaseId);
    const now = ctx.clock.now();
    return {
      purchase,
      earned,
      balance: await pointsBalance(tx, memberId),
      tierChange,
      coupons: await usableCoupons(tx, memberId, {
        secret: ctx.config.secret,
        tenantId: auth.tenantId,
        now,
      }),
    };
  });
}
