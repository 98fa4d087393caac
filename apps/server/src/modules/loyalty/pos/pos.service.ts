import type { PosPurchaseRequest } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { z } from 'zod';
import type { AppContext, AuthContext } from '../../../http/context';
import { recordPurchase } from '../../members';
import { pointsBalance } from '../points/ledger';
import { earnForPurchase } from '../rules/earning';

export const actorOf = (auth: AuthContext) => ({
  actorId: auth.actor.id,
  actorType: auth.actor.type,
});

/**
 * The application context with its database bound to `tx`: a downward call to another module's
 * service joins the caller's transaction instead of opening its own.
 */
export function inTransaction(ctx: AppContext, tx: Tx, tenantId: string): AppContext {
  return {
    ...ctx,
    db: {
      ...ctx.db,
      withTenant: <T>(id: string, fn: (tx: Tx) => Promise<T>) => {
        if (id !== tenantId) throw new Error('a joined transaction serves one tenant');
        return fn(tx);
      },
    },
  };
}

/**
 * A sale at the till: the purchase (through the members module) and its points, in one
 * transaction. The external id makes it once-only: a retry gets the same purchase and points.
 */
export function posPurchase(
  ctx: AppContext,
  auth: AuthContext,
  input: z.infer<typeof PosPurchaseRequest>,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const { purchase } = await recordPurchase(inTransaction(ctx, tx, auth.tenantId), auth, {
      ...input,
      channel: 'pos',
    });
    const earned = await earnForPurchase(
      ctx,
      tx,
      auth.tenantId,
      purchase.purchaseId,
      actorOf(auth),
    );
    return { purchase, earned, balance: await pointsBalance(tx, purchase.memberId) };
  });
}
