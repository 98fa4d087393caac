import { decideSend, type GateDecision } from '@regulars/core';
import { sql, type Tx } from '@regulars/db';
import { normalizeAddress } from './blocks';
import { consentOf, loadMembers, type TenantFacts } from './facts';

export type GateRow = {
  delivery_id: string;
  member_id: string | null;
  channel: string;
  category: string;
  to_address: string;
  holdout: boolean;
};

/**
 * Puts a batch of deliveries through the gate in one transaction: reads consent, blocks and the
 * member's time zone as they are now, and reserves frequency-cap places under a per-member lock,
 * so two batches for one member never both take the last place.
 */
export async function gateDeliveries(
  tx: Tx,
  tenantId: string,
  tenant: TenantFacts,
  rows: GateRow[],
  now: Date,
): Promise<Map<string, GateDecision>> {
  const members = await loadMembers(
    tx,
    rows.flatMap((r) => (r.member_id ? [r.member_id] : [])),
  );
  const blocked = await loadBlocks(tx, rows);
  const decisions = new Map<string, GateDecision>();
  // Members in a fixed order, so concurrent batches take their locks without deadlocking.
  const ordered = [...rows].sort(
    (a, b) =>
      (a.member_id ?? '').localeCompare(b.member_id ?? '') ||
      a.delivery_id.localeCompare(b.delivery_id),
  );
  const locked = new Set<string>();
  for (const row of ordered) {
    const member = row.member_id ? members.get(row.member_id) : undefined;
    const marketing = row.category === 'marketing';
    let cap: { limit: number; used: number } | null = null;
    if (marketing && tenant.cap && member) {
      if (!locked.has(member.memberId)) {
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`msgcap:${tenantId}:${member.memberId}`}, 0))`.execute(
          tx,
        );
        locked.add(member.memberId);
      }
      const since = new Date(now.getTime() - tenant.cap.days * 86_400_000);
      const used = await tx
        .selectFrom('message_cap_reservations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('member_id', '=', member.memberId)
        .where('reserved_at', '>', since)
        .where('delivery_id', '!=', row.delivery_id)
        .executeTakeFirstOrThrow();
      cap = { limit: tenant.cap.count, used: Number(used.n) };
    }
    const decision = decideSend({
      category: row.category as 'transactional' | 'marketing',
      blocked:
        blocked.get(`${row.channel} ${normalizeAddress(row.channel, row.to_address)}`) ?? null,
      // Marketing needs a member who said yes; a message to a bare address is transactional only.
      consent: member ? consentOf(member, row.channel) : false,
      holdout: row.holdout,
      now,
      timeZone: member?.timeZone ?? tenant.timeZone,
      quietHours: tenant.quietHours,
      cap,
    });
    if (decision.action === 'send' && decision.countsAgainstCap && member) {
      await tx
        .insertInto('message_cap_reservations')
        .values({
          tenant_id: tenantId,
          member_id: member.memberId,
          delivery_id: row.delivery_id,
          reserved_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    decisions.set(row.delivery_id, decision);
  }
  return decisions;
}

async function loadBlocks(tx: Tx, rows: GateRow[]): Promise<Map<string, string>> {
  const keys = rows.map((r) => ({
    channel: r.channel,
    address: normalizeAddress(r.channel, r.to_address),
  }));
  if (keys.length === 0) return new Map();
  const found = await tx
    .selectFrom('message_blocks')
    .select(['channel', 'address', 'reason'])
    .where((eb) =>
      eb.or(
        ['email', 'sms', 'webhook'].map((ch) =>
          eb.and([
            eb('channel', '=', ch),
            eb('address', 'in', [
              ...new Set(keys.filter((k) => k.channel === ch).map((k) => k.address)),
              '',
            ]),
          ]),
        ),
      ),
    )
    .execute();
  return new Map(found.map((b) => [`${b.channel} ${b.address}`, b.reason]));
}
