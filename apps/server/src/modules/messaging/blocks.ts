import type { Tx } from '@regulars/db';

export type BlockReason = 'hard_bounce' | 'invalid' | 'complaint' | 'manual';

/** Blocks an address on a channel: nothing, not even a sign-in code, is sent to it again. */
export async function blockAddress(
  tx: Tx,
  tenantId: string,
  block: {
    channel: string;
    address: string;
    reason: BlockReason;
    detail?: string | null;
    deliveryId?: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('message_blocks')
    .values({
      tenant_id: tenantId,
      channel: block.channel,
      address: normalizeAddress(block.channel, block.address),
      reason: block.reason,
      detail: block.detail ?? null,
      delivery_id: block.deliveryId ?? null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'channel', 'address']).doNothing())
    .execute();
}

/** The block on an address, if any. */
export async function findBlock(
  tx: Tx,
  channel: string,
  address: string,
): Promise<{ reason: string } | null> {
  const row = await tx
    .selectFrom('message_blocks')
    .select('reason')
    .where('channel', '=', channel)
    .where('address', '=', normalizeAddress(channel, address))
    .executeTakeFirst();
  return row ?? null;
}

/** Email addresses compare without case; phone numbers are E.164 already. */
export function normalizeAddress(channel: string, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}
