import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError } from '../../http/errors';

/** Merges followed at most: a chain longer than this is cut (it cannot loop, but stays bounded). */
const MAX_HOPS = 20;

/**
 * Turns the 404 of a member that was merged into another into a 410 `member.merged` naming the
 * member it lives on now (following later merges), so a bookmark or an old link can follow it.
 * Any other error passes through unchanged.
 */
export async function followMerged(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  err: unknown,
): Promise<never> {
  if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
  const survivor = await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const r = await sql<{ member_id: string; card_number: string }>`
      WITH RECURSIVE chain (member_id, status, merged_into, card_number, hops) AS (
        SELECT member_id, status, merged_into, card_number, 0 FROM members
         WHERE member_id = ${memberId}::uuid AND status = 'merged'
        UNION ALL
        SELECT m.member_id, m.status, m.merged_into, m.card_number, c.hops + 1
          FROM chain c JOIN members m ON m.member_id = c.merged_into
         WHERE c.status = 'merged' AND c.hops < ${MAX_HOPS}
      )
      SELECT member_id, card_number FROM chain WHERE status = 'active' LIMIT 1`.execute(tx);
    return r.rows[0];
  });
  if (!survivor) throw err;
  throw new AppError(
    'member.merged',
    { card: survivor.card_number },
    { entity: 'member', mergedInto: survivor.member_id, cardNumber: survivor.card_number },
  );
}
