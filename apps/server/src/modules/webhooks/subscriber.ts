import { randomUUID } from 'node:crypto';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import type { DomainEvent, Subscriber } from '../../platform/events';
import { endpointTypes } from './endpoint-types';
import { enqueueSend } from './send';

/** Keys that would carry contact details; dropped from payloads whatever a module put there. */
const PERSONAL = /^(phone|phones|other_?phones|email|emails|address|birthday|contact)$/i;

function scrub(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(scrub);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !PERSONAL.test(k))
      .map(([k, v]) => [k, scrub(v)]),
  );
}

/** The JSON posted for an event: its id (the receiver's dedupe key), type, time and facts. */
export function eventBody(e: {
  eventId: string;
  type: string;
  occurredAt: Date;
  tenantId: string;
  payload: Record<string, unknown>;
}): string {
  return JSON.stringify({
    id: e.eventId,
    type: e.type,
    occurredAt: e.occurredAt.toISOString(),
    tenant: e.tenantId,
    data: scrub(e.payload),
  });
}

/**
 * Writes one delivery per active endpoint subscribed to the event's type that existed when the
 * event happened (database time on both sides), and enqueues its first attempt, in the caller's
 * transaction. The unique key makes a second run a no-op.
 */
export async function fanOut(
  ctx: AppContext,
  tx: Tx,
  event: DomainEvent,
  only?: string,
): Promise<string[]> {
  const body = eventBody(event);
  const now = ctx.clock.now();
  const made = await sql<{ delivery_id: string }>`
    INSERT INTO webhook_deliveries
      (tenant_id, delivery_id, endpoint_id, event_id, event_type, body, next_attempt_at, created_at)
    SELECT tenant_id, gen_random_uuid(), endpoint_id, ${event.eventId}, ${event.type}, ${body},
           ${now}, ${now}
      FROM webhook_endpoints
     WHERE tenant_id = ${event.tenantId}
       AND ${only === undefined ? sql`active AND ${event.type} = ANY (event_types) AND created_at <= ${event.occurredAt}` : sql`endpoint_id = ${only}`}
    ON CONFLICT (tenant_id, endpoint_id, event_id) DO NOTHING
    RETURNING delivery_id`.execute(tx);
  for (const r of made.rows) await enqueueSend(ctx, tx, event.tenantId, r.delivery_id);
  return made.rows.map((r) => r.delivery_id);
}

/** The subscriber of every event type a business can receive. */
export function webhookSubscriber(ctx: AppContext): Subscriber {
  const cache = endpointTypes(ctx);
  return {
    name: 'webhooks',
    types: [...WEBHOOK_EVENT_TYPES],
    wants: (tx, tenantId, type) => cache.has(tx, tenantId, type),
    handle: async (tx, event) => {
      await fanOut(ctx, tx, event);
    },
  };
}

/** A made-up event for "send test event": posted to one endpoint, whatever it subscribes to. */
export function testEvent(tenantId: string, now: Date): DomainEvent {
  return {
    eventId: randomUUID(),
    tenantId,
    type: WEBHOOK_TEST_EVENT,
    payload: { message: 'A test event from Regulars' },
    occurredAt: now,
  };
}
