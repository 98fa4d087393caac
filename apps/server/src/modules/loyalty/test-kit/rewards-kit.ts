import { sql } from '@regulars/db';
import type { Caller, TestApp } from '../../../../../../test/app';

/** Delivers every recorded event to the subscribers that have not had it (the job queue's work). */
export async function deliverEvents(t: TestApp, tenantId: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const pending = await t.ctx.db.withTenant(tenantId, (tx) =>
      sql<{ event_id: string }>`
        SELECT e.event_id FROM domain_events e
        WHERE NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = e.event_id)
        ORDER BY e.occurred_at`.execute(tx),
    );
    if (!pending.rows.length) return;
    for (const e of pending.rows) await t.ctx.events.deliver(tenantId, e.event_id);
  }
}

export async function newMember(caller: Caller, name: string, extra: object = {}): Promise<string> {
  const res = await caller.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name, ...extra },
  });
  if (res.statusCode !== 200) throw new Error(`member: ${res.body}`);
  return res.json().memberId as string;
}

export async function buy(
  caller: Caller,
  memberId: string,
  totalMinor: number,
  occurredAt?: string,
): Promise<void> {
  const res = await caller.inject({
    method: 'POST',
    url: '/api/purchases',
    payload: {
      memberId,
      ...(occurredAt ? { occurredAt } : {}),
      lines: [{ name: 'Tea', unitPriceMinor: totalMinor }],
    },
  });
  if (res.statusCode !== 200) throw new Error(`purchase: ${res.body}`);
}
