// The nightly points run as it was before it became set-based (commit f4cee38): chunks of 200
// members, each member locked and expired through the ledger's per-member path. Kept as the
// reference bench/points-expiry.ts measures against, in the same run.
import { sql } from '@regulars/db';
import type { AppContext } from '@regulars/server';
import {
  confirmMemberBatches,
  expireMemberBatches,
} from '../../apps/server/src/modules/loyalty/points/expiry';
import { lockBalance } from '../../apps/server/src/modules/loyalty/points/ledger-store';

const CHUNK = 200;

export async function maintenanceBefore(
  ctx: AppContext,
  tenantId: string,
): Promise<{ confirmed: number; expired: number }> {
  const now = ctx.clock.now();
  const counts = { confirmed: 0, expired: 0 };
  for (const step of ['confirmed', 'expired'] as const) {
    for (;;) {
      const done = await ctx.db.withTenant(tenantId, async (tx) => {
        const due =
          step === 'confirmed'
            ? sql`status = 'pending' AND confirm_at <= ${now}`
            : sql`status = 'active' AND remaining > 0 AND expires_at <= ${now}`;
        const members = await sql<{ member_id: string }>`
          SELECT DISTINCT member_id FROM points_batches WHERE ${due} LIMIT ${CHUNK}`.execute(tx);
        for (const { member_id } of members.rows) {
          const bal = await lockBalance(tx, tenantId, member_id);
          const fn = step === 'confirmed' ? confirmMemberBatches : expireMemberBatches;
          await fn(ctx, tx, tenantId, member_id, now, bal);
        }
        return members.rows.length;
      });
      counts[step] += done;
      if (done < CHUNK) break;
    }
  }
  return counts;
}
