import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '@regulars/db';
import type { Jobs } from './jobs';

export type DomainEvent = {
  eventId: string;
  tenantId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
};

/** A reaction to events of one type. It runs in its own transaction, bound to the tenant. */
export type Subscriber = {
  name: string;
  types: string[];
  handle(tx: Tx, event: DomainEvent): Promise<void>;
  /**
   * Whether this tenant needs the event at all (webhooks: only if an endpoint subscribes to the
   * type). Asked while recording, so it must answer from memory almost always; an event no
   * subscriber wants costs no job.
   */
  wants?(tx: Tx, tenantId: string, type: string): Promise<boolean>;
};

const QUEUE = 'domain-event';

/**
 * Domain events ("purchase.recorded", "member.created"…): recorded by the module that owns the
 * fact, in the transaction that made it true, then delivered to each subscriber exactly once —
 * the delivery mark and the subscriber's writes commit together, so a retried job skips it.
 */
export class Events {
  private readonly subscribers: Subscriber[] = [];

  constructor(
    private readonly db: Db,
    private readonly jobs: Jobs,
  ) {
    jobs.define(QUEUE, (data) => this.deliver(data.tenantId, String(data.eventId)));
  }

  subscribe(sub: Subscriber): void {
    if (this.subscribers.some((s) => s.name === sub.name))
      throw new Error(`subscriber ${sub.name} is registered twice`);
    this.subscribers.push(sub);
  }

  /** Records an event in `tx` and enqueues its delivery in the same transaction. */
  async record(
    tx: Tx,
    tenantId: string,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<string> {
    const eventId = randomUUID();
    await tx
      .insertInto('domain_events')
      .values({ tenant_id: tenantId, event_id: eventId, type, payload: JSON.stringify(payload) })
      .execute();
    if (await this.wanted(tx, tenantId, type)) {
      await this.jobs.enqueue(tx, QUEUE, { tenantId, eventId });
    }
    return eventId;
  }

  /**
   * The second half of `record` for events a set-based statement has already inserted into
   * `domain_events` in `tx`: enqueues their delivery in the same transaction, exactly when
   * `record` would (asking `wanted` once for the lot).
   */
  async enqueueInserted(tx: Tx, tenantId: string, type: string, eventIds: string[]): Promise<void> {
    if (!eventIds.length || !(await this.wanted(tx, tenantId, type))) return;
    for (const eventId of eventIds) await this.jobs.enqueue(tx, QUEUE, { tenantId, eventId });
  }

  /** Whether any subscriber takes events of this type for this tenant (asked before enqueueing). */
  async wanted(tx: Tx, tenantId: string, type: string): Promise<boolean> {
    const subs = this.subscribers.filter((s) => s.types.includes(type));
    if (subs.some((s) => !s.wants)) return true;
    for (const s of subs) if (await s.wants!(tx, tenantId, type)) return true;
    return false;
  }

  /** Delivers one event to every subscriber that has not had it yet. */
  async deliver(tenantId: string, eventId: string): Promise<void> {
    const row = await this.db.withTenant(tenantId, (tx) =>
      tx.selectFrom('domain_events').selectAll().where('event_id', '=', eventId).executeTakeFirst(),
    );
    if (!row) return;
    const event: DomainEvent = {
      eventId,
      tenantId,
      type: row.type,
      payload: row.payload as Record<string, unknown>,
      occurredAt: row.occurred_at,
    };
    for (const sub of this.subscribers.filter((s) => s.types.includes(event.type))) {
      await this.db.withTenant(tenantId, async (tx) => {
        if (sub.wants && !(await sub.wants(tx, tenantId, event.type))) return;
        const fresh = await tx
          .insertInto('event_deliveries')
          .values({ tenant_id: tenantId, event_id: eventId, subscriber: sub.name })
          .onConflict((oc) => oc.doNothing())
          .returning('subscriber')
          .executeTakeFirst();
        if (fresh) await sub.handle(tx, event);
      });
    }
  }
}
