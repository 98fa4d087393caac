import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@regulars/db';
import { systemActor } from '../../platform/audit';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../test/app';
import { recordConsent, type ConsentDecision } from './index';

let t: TestApp;
let tenantId: string;
let memberId: string;
const AT = new Date('2026-03-10T04:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'consent')).tenantId;
  const manager = await signIn(t.app, 'consent', 'customer_manager@consent.test');
  const m = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '林美玲', email: 'lin@example.com', consents: { email: true } },
  });
  expect(m.statusCode, m.body).toBe(200);
  memberId = m.json().memberId;
});
afterAll(() => t.close());

const record = (d: Partial<ConsentDecision> = {}) =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    recordConsent(t.ctx.events, tx, tenantId, {
      memberId,
      channel: 'email',
      granted: false,
      source: 'one_click',
      actor: { ...systemActor('one_click'), type: 'member', id: memberId },
      at: AT,
      onlyIfChanged: true,
      ...d,
    }),
  );
const read = () =>
  t.ctx.db.withTenant(tenantId, async (tx) => ({
    member: await tx
      .selectFrom('members')
      .select(['consents', 'version'])
      .where('member_id', '=', memberId)
      .executeTakeFirstOrThrow(),
    history: await tx
      .selectFrom('member_consent_history')
      .select(['channel', 'granted', 'source', 'actor_id'])
      .where('member_id', '=', memberId)
      .orderBy('entry_id')
      .execute(),
    audit: await tx
      .selectFrom('audit_log')
      .select(['actor_type', 'before', 'after'])
      .where('action', '=', 'member.consent_changed')
      .where('entity_id', '=', memberId)
      .execute(),
    events: await tx
      .selectFrom('domain_events')
      .select('payload')
      .where('type', '=', 'member.consent_changed')
      .where(sql<boolean>`payload ->> 'memberId' = ${memberId}`)
      .execute(),
  }));

describe('recording consent for other modules (an unsubscribe, an SMS keyword)', () => {
  it('withdraws consent with its history and an audit entry, once', async () => {
    const before = await read();
    expect(await record()).toBe(true);
    const after = await read();
    expect(after.member.consents).toMatchObject({
      email: { granted: false, source: 'one_click', at: AT.toISOString() },
    });
    expect(after.member.version).toBe(before.member.version + 1);
    expect(after.history.slice(before.history.length)).toEqual([
      { channel: 'email', granted: false, source: 'one_click', actor_id: null },
    ]);
    expect(after.audit).toMatchObject([
      {
        actor_type: 'member',
        before: { email: { granted: true } },
        after: { email: { granted: false, source: 'one_click' } },
      },
    ]);
    // Webhooks and journeys hear of it as of a decision staff record.
    expect(after.events.slice(before.events.length).map((e) => e.payload)).toEqual([
      { memberId, channel: 'email', granted: false, source: 'one_click' },
    ]);
    // The member unsubscribes again: nothing more is recorded.
    expect(await record({ source: 'unsubscribe_link' })).toBe(false);
    const again = await read();
    expect(again.history).toHaveLength(after.history.length);
    expect(again.member.version).toBe(after.member.version);
    expect(again.events).toHaveLength(after.events.length);
  });

  it('records nothing for a member that does not exist', async () => {
    expect(await record({ memberId: crypto.randomUUID(), onlyIfChanged: false })).toBe(false);
  });
});
