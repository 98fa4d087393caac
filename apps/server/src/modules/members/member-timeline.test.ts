import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timelineEntry } from '@regulars/contracts';
import { sql } from '@regulars/db';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { registerTimelineSource, type TimelineSource } from './index';

// What a later module does: its own kind, schema and SQL (registered before the app is built).
const TEST_SOURCE: TimelineSource = {
  kind: 'test_visit',
  schema: timelineEntry('test_visit', { store: z.string() }),
  entries: ({ memberId }) => sql`
    SELECT member_id::text AS id, created_at AS at, jsonb_build_object('store', 'test') AS data
      FROM members WHERE member_id = ${memberId}`,
};
registerTimelineSource(TEST_SOURCE);

let t: TestApp;
let admin: Caller;
let manager: Caller;
let assistant: Caller;
let memberId: string;

/** A member with one of everything the members module puts on a timeline. */
beforeAll(async () => {
  t = await createTestApp();
  await seedTenant(t.ctx, 'story');
  admin = await signIn(t.app, 'story', 'admin@story.test');
  manager = await signIn(t.app, 'story', 'customer_manager@story.test');
  assistant = await signIn(t.app, 'story', 'customer_assistant@story.test');
  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Record<string, string> & { memberId: string }>();
  };
  const post = (url: string, payload: Record<string, unknown>) =>
    ok(manager.inject({ method: 'POST', url, payload }));
  memberId = (await post('/api/members', { name: '林美玲', gender: 'female', phone: '0922111222' }))
    .memberId;
  const friendId = (await post('/api/members', { name: '陳志明', phone: '0933222111' })).memberId;
  t.clock.advance(60_000); // what happens next happens after joining
  await ok(
    assistant.inject({
      method: 'POST',
      url: '/api/purchases',
      payload: {
        memberId,
        channel: 'pos',
        lines: [
          { name: '沙茶醬', quantity: 2, unitPriceMinor: 12000 },
          { name: '白飯', unitPriceMinor: 1000 },
        ],
      },
    }),
  );
  const note = await post(`/api/members/${memberId}/notes`, {
    body: '喜歡小辣，不要香菜，愛喝酸梅湯',
  });
  await ok(
    manager.inject({
      method: 'POST',
      url: `/api/notes/${note.noteId}/attachments?filename=menu.txt`,
      payload: Buffer.from('窗邊 12 號桌\n'),
      headers: { 'content-type': 'text/plain' },
    }),
  );
  const task = await post('/api/tasks', {
    memberId,
    title: '打電話感謝首次消費',
    dueAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  await ok(
    manager.inject({
      method: 'PATCH',
      url: `/api/tasks/${task.taskId}`,
      payload: { status: 'done', version: 1 },
    }),
  );
  await post(`/api/members/${memberId}/anniversaries`, { kind: 'wedding', date: '2015-10-10' });
  await post(`/api/members/${memberId}/relations`, {
    kind: 'introduced_by',
    relatedMemberId: friendId,
  });
  await post(`/api/members/${memberId}/relations`, { kind: 'child', contactName: '小寶' });
});
afterAll(() => t.close());

describe('the timeline', () => {
  type Entry = { kind: string; id: string; at: string } & Record<string, unknown>;
  const timeline = async (query = '') => {
    const res = await assistant.inject({ url: `/api/members/${memberId}/timeline${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Entry[]; nextCursor: string | null };
  };

  it("tells the member's story newest first, each kind with its own fields", async () => {
    const key = await admin.inject({
      method: 'POST',
      url: '/api/api-keys',
      payload: { name: 'PBX', permissions: ['calls.report'] },
    });
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/calls',
      headers: { authorization: `Bearer ${key.json().secret}` },
      payload: { callerNumber: '0922-111-222', extension: '301' },
    });
    expect(call.json().matched).toBe(true);
    await manager.inject({
      method: 'PUT',
      url: `/api/members/${memberId}/consents/sms`,
      payload: { granted: false },
    });

    const { items, nextCursor } = await timeline('?limit=100');
    expect(nextCursor).toBeNull();
    const byKind = (kind: string) => items.filter((e) => e.kind === kind);
    expect(new Set(items.map((e) => e.kind))).toEqual(
      new Set([
        ...['joined', 'purchase', 'note', 'task', 'anniversary', 'relation', 'call', 'consent'],
        'test_visit', // registered by this test, as a later module would
      ]),
    );
    expect(items.at(-1)).toMatchObject({ kind: 'joined', id: memberId, source: 'staff' });
    expect(byKind('purchase')[0]).toMatchObject({
      totalMinor: 25000,
      channel: 'pos',
      items: ['沙茶醬', '白飯'],
      lineCount: 2,
      storeName: 'Store A', // the session's store
    });
    expect(byKind('note')[0]).toMatchObject({
      body: '喜歡小辣，不要香菜，愛喝酸梅湯',
      attachmentCount: 1,
    });
    expect(byKind('note')[0]!.authorName).toEqual(expect.any(String));
    expect(byKind('task')[0]).toMatchObject({ title: '打電話感謝首次消費', status: 'done' });
    expect(byKind('task')[0]!.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(byKind('anniversary')[0]).toMatchObject({
      anniversaryKind: 'wedding',
      label: '',
      date: '2015-10-10',
    });
    expect(byKind('relation').map((r) => [r.relationKind, r.name, r.isMember])).toEqual(
      expect.arrayContaining([
        ['introduced_by', '陳志明', true],
        ['child', '小寶', false],
      ]),
    );
    expect(byKind('call')[0]).toMatchObject({ extension: '301' });
    expect(byKind('consent')).toContainEqual(
      expect.objectContaining({ channel: 'sms', granted: false, source: 'staff' }),
    );
    const ats = items.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('pages with a cursor that neither skips nor repeats entries written in the same instant', async () => {
    const all = (await timeline('?limit=100')).items;
    // The test clock stood still: many entries share their time.
    expect(new Set(all.map((e) => e.at)).size).toBeLessThan(all.length);
    const walked: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await timeline(
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked.map((e) => `${e.kind}:${e.id}`)).toEqual(all.map((e) => `${e.kind}:${e.id}`));
  });

  it('refuses a cursor it did not write, and a member of nobody', async () => {
    const res = await assistant.inject({
      url: `/api/members/${memberId}/timeline?cursor=${Buffer.from('["x","note","1"]').toString('base64url')}`,
      headers: { 'accept-language': 'zh-TW' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    const missing = await assistant.inject({
      url: '/api/members/00000000-0000-4000-8000-000000000000/timeline',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('takes kinds from other modules through the registry, checked against their schema', async () => {
    const { items } = await timeline('?limit=100');
    const visits = items.filter((e) => e.kind === 'test_visit');
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ id: memberId, store: 'test' });
    expect(() => registerTimelineSource({ ...TEST_SOURCE, kind: 'Visit' })).toThrow(/lower-case/);
    expect(() => registerTimelineSource({ ...TEST_SOURCE, kind: 'other' })).toThrow(
      /must be the literal "other"/,
    );
    // A kind's own fields cannot take the names the timeline uses.
    const clash = (fields: Record<string, z.ZodType>) => () =>
      registerTimelineSource({
        ...TEST_SOURCE,
        kind: 'test_reply',
        schema: timelineEntry('test_reply', fields) as TimelineSource['schema'],
      });
    expect(clash({ kind: z.enum(['reply', 'unsubscribe']) })).toThrow(
      /name no field kind, id or at/,
    );
    expect(clash({ at: z.string() })).toThrow(/"at" belongs to the timeline/);
  });
});
