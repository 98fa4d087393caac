import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { ownerQuery } from '../../../../../test/db-snapshot';
import { expectError } from '../../../../../test/expect-error';
import { mergeConsents } from './merge-fields';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

let t: TestApp;
let admin: Caller;
let manager: Caller;
let assistant: Caller;

const ok = async (res: { statusCode: number; body: string; json(): Json }) => {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const post = (who: Caller, url: string, payload: object) =>
  who.inject({ method: 'POST', url, payload }).then(ok);
const get = (who: Caller, url: string) => who.inject({ url }).then(ok);
const merge = (who: Caller, keep: Json, dup: Json) =>
  who.inject({
    method: 'POST',
    url: `/api/members/${keep.memberId}/merge`,
    payload: { duplicateId: dup.memberId, version: keep.version, duplicateVersion: dup.version },
  });

beforeAll(async () => {
  t = await createTestApp();
  await seedTenant(t.ctx, 'twins');
  admin = await signIn(t.app, 'twins', 'admin@twins.test');
  manager = await signIn(t.app, 'twins', 'customer_manager@twins.test');
  assistant = await signIn(t.app, 'twins', 'customer_assistant@twins.test');
});
afterAll(() => t.close());

describe('duplicates and merge', () => {
  let keep: Json;
  let dup: Json;
  let friend: Json;

  it('finds candidates by phone, email, and name with birthday', async () => {
    keep = await post(admin, '/api/members', {
      name: '陳小華',
      gender: 'female',
      phone: '0912-111-222',
      tags: ['VIP'],
      consents: { sms: true, email: true },
      custom: {},
    });
    dup = await post(admin, '/api/members', {
      name: '陳小華',
      birthday: '1990-01-02',
      phone: '0933-444-555',
      otherPhones: ['0912 111 222'],
      email: 'hua@example.com',
      tags: ['麻辣鍋'],
      consents: { sms: false, line: true },
    });
    friend = await post(admin, '/api/members', {
      name: 'Friend',
      email: 'HUA@example.com',
      birthday: '1990-01-02',
    });
    const groups = await get(manager, '/api/members/duplicates');
    const byReason = (r: string) => groups.filter((g: Json) => g.reason === r);
    expect(byReason('phone')).toHaveLength(1);
    expect(byReason('phone')[0].shared).toBe('+886912111222');
    expect(
      byReason('phone')[0]
        .members.map((m: Json) => m.memberId)
        .sort(),
    ).toEqual([keep.memberId, dup.memberId].sort());
    expect(byReason('email')[0].members).toHaveLength(2);
    expect(byReason('name_birthday')).toHaveLength(0); // keep has no birthday
    const masked = await get(assistant, '/api/members/duplicates?reason=email');
    expect(masked).toHaveLength(1);
    expect(masked[0].shared).toBe('h***@example.com');
  });

  it('refuses a merge to roles that may not delete, with itself, or on stale versions', async () => {
    expectError(await merge(assistant, keep, dup), 403, 'permission.denied');
    expectError(await merge(manager, keep, keep), 400, 'member.merge_self');
    expectError(await merge(manager, keep, { ...dup, version: 99 }), 409, 'conflict.version');
    const missing = { memberId: '00000000-0000-4000-8000-000000000000', version: 1 };
    expectError(await merge(manager, keep, missing), 404, 'not_found');
  });

  it('moves everything over, fills gaps, and a "no" to consent wins', async () => {
    await post(admin, `/api/members/${dup.memberId}/notes`, { body: 'Prefers window seats' });
    await post(admin, '/api/tasks', { memberId: dup.memberId, title: 'Send the catalogue' });
    await post(admin, '/api/purchases', {
      memberId: dup.memberId,
      lines: [{ name: 'Dumplings', unitPriceMinor: 30000 }],
    });
    await post(admin, '/api/purchases', {
      memberId: keep.memberId,
      lines: [{ name: 'Tea', unitPriceMinor: 12000 }],
    });
    await post(admin, `/api/members/${dup.memberId}/anniversaries`, {
      kind: 'wedding',
      date: '2018-05-20',
    });
    await post(admin, `/api/members/${dup.memberId}/relations`, {
      kind: 'introduced_by',
      relatedMemberId: friend.memberId,
    });
    await post(admin, `/api/members/${keep.memberId}/relations`, {
      kind: 'introduced_by',
      relatedMemberId: friend.memberId,
    });
    await post(admin, `/api/members/${friend.memberId}/relations`, {
      kind: 'friend',
      relatedMemberId: dup.memberId,
    });
    await post(admin, `/api/members/${dup.memberId}/relations`, {
      kind: 'sibling',
      relatedMemberId: keep.memberId,
    });
    const k = await get(admin, `/api/members/${keep.memberId}`);
    const d = await get(admin, `/api/members/${dup.memberId}`);

    const res = await ok(await merge(manager, k, d));
    expect(res.merged).toEqual({ memberId: dup.memberId, cardNumber: dup.cardNumber });
    expect(res.moved).toMatchObject({ purchases: 1, notes: 1, tasks: 1, anniversaries: 1 });
    expect(res.dropped).toMatchObject({ selfRelations: 1, duplicateRelations: 1 });

    const m = await get(manager, `/api/members/${keep.memberId}/contact`);
    expect(m.cardNumber).toBe(keep.cardNumber);
    expect(m.phoneE164).toBe('+886912111222');
    expect(m.otherPhonesE164).toEqual(['+886933444555']);
    expect(m.email).toBe('hua@example.com');
    expect(m.birthday).toBe('1990-01-02');
    expect(m.tags).toEqual(['VIP', '麻辣鍋']);
    expect(m.consents.sms.granted).toBe(false);
    expect(m.consents.email.granted).toBe(true);
    expect(m.consents.line.granted).toBe(true);
    expect(m.sourceRef.mergedFrom[0].cardNumber).toBe(dup.cardNumber);

    const notes = await get(admin, `/api/members/${keep.memberId}/notes`);
    expect(notes.map((n: Json) => n.body)).toContain('Prefers window seats');
    const tasks = await get(admin, `/api/tasks?memberId=${keep.memberId}`);
    expect(tasks.map((x: Json) => x.title)).toContain('Send the catalogue');
    const purchases = await get(admin, `/api/members/${keep.memberId}/purchases`);
    expect(purchases).toHaveLength(2);
    const card = await get(admin, '/api/caller-id?phone=0933444555');
    expect(card.member.memberId).toBe(keep.memberId);
    expect(card.member.stats).toMatchObject({ purchaseCount: 2, totalSpentMinor: 42000 });
    const relations = await get(admin, `/api/members/${keep.memberId}/relations`);
    expect(relations.map((r: Json) => r.kind)).toEqual(['introduced_by']);
    const theirs = await get(admin, `/api/members/${friend.memberId}/relations`);
    expect(theirs.map((r: Json) => r.relatedMemberId)).toEqual([keep.memberId]);
    const anniversaries = await get(admin, `/api/members/${keep.memberId}/anniversaries`);
    expect(anniversaries).toHaveLength(1);

    const gone = await admin.inject({ url: `/api/members/${dup.memberId}` });
    expect(expectError(gone, 410, 'member.merged').details).toMatchObject({
      mergedInto: keep.memberId,
    });
    const audit = await get(
      admin,
      `/api/audit-log?entityType=member&entityId=${keep.memberId}&action=member.merged`,
    );
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].after.mergedMemberId).toBe(dup.memberId);
    expect(JSON.stringify(audit.items[0])).not.toContain('+886933444555');
    expect(await get(admin, '/api/members/duplicates?reason=phone')).toEqual([]);
  });
});

describe('merge under concurrent edits', () => {
  it('loses nothing: every write that succeeded is on the survivor, and none fails with 500', async () => {
    const a = await post(admin, '/api/members', { name: 'Busy A', tags: ['start-a'] });
    const b = await post(admin, '/api/members', { name: 'Busy B', tags: ['start-b'] });
    const statuses: number[] = [];
    const tagsWritten: string[] = [];
    const notesWritten: string[] = [];
    const purchasesWritten: string[] = [];
    const tasksWritten: string[] = [];
    let merged = false;

    const patchLoop = async (id: string, who: string) => {
      for (let i = 0; i < 12; i++) {
        const cur = await admin.inject({ url: `/api/members/${id}` });
        if (cur.statusCode !== 200) return statuses.push(cur.statusCode);
        const tag = `${who}-${i}`;
        const res = await admin.inject({
          method: 'PATCH',
          url: `/api/members/${id}`,
          payload: { tags: [...cur.json().tags, tag], version: cur.json().version },
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 200) tagsWritten.push(tag);
      }
    };
    const writeLoop = async (id: string, who: string) => {
      for (let i = 0; i < 12; i++) {
        const body = `${who} note ${i}`;
        const n = await admin.inject({
          method: 'POST',
          url: `/api/members/${id}/notes`,
          payload: { body },
        });
        statuses.push(n.statusCode);
        if (n.statusCode === 200) notesWritten.push(n.json().noteId);
        const p = await admin.inject({
          method: 'POST',
          url: '/api/purchases',
          payload: { memberId: id, lines: [{ name: body, unitPriceMinor: 100 + i }] },
        });
        statuses.push(p.statusCode);
        if (p.statusCode === 200) purchasesWritten.push(p.json().purchaseId);
        const k = await admin.inject({
          method: 'POST',
          url: '/api/tasks',
          payload: { memberId: id, title: body },
        });
        statuses.push(k.statusCode);
        if (k.statusCode === 200) tasksWritten.push(k.json().taskId);
      }
    };
    const mergeLoop = async () => {
      await new Promise((r) => setTimeout(r, 30));
      while (!merged) {
        const k = await get(admin, `/api/members/${a.memberId}`);
        const d = await get(admin, `/api/members/${b.memberId}`);
        const res = await merge(manager, k, d);
        statuses.push(res.statusCode);
        if (res.statusCode === 200) merged = true;
        else expect(res.statusCode, res.body).toBe(409);
      }
    };
    await Promise.all([
      patchLoop(a.memberId, 'a'),
      patchLoop(b.memberId, 'b'),
      writeLoop(a.memberId, 'a'),
      writeLoop(b.memberId, 'b'),
      writeLoop(b.memberId, 'b2'),
      mergeLoop(),
    ]);
    expect(merged).toBe(true);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(50);

    const survivor = await get(admin, `/api/members/${a.memberId}`);
    for (const tag of ['start-a', 'start-b', ...tagsWritten]) expect(survivor.tags).toContain(tag);
    const notes = await get(admin, `/api/members/${a.memberId}/notes`);
    const noteIds = new Set(notes.map((n: Json) => n.noteId));
    for (const id of notesWritten) expect(noteIds.has(id), `note ${id}`).toBe(true);
    const purchases = await get(admin, `/api/members/${a.memberId}/purchases`);
    const purchaseIds = new Set(purchases.map((p: Json) => p.purchaseId));
    for (const id of purchasesWritten) expect(purchaseIds.has(id), `purchase ${id}`).toBe(true);
    const tasks = await get(admin, `/api/tasks?memberId=${a.memberId}&limit=200`);
    const taskIds = new Set(tasks.map((x: Json) => x.taskId));
    for (const id of tasksWritten) expect(taskIds.has(id), `task ${id}`).toBe(true);
    // The spending figures count every purchase that was recorded, on either record.
    const [stats] = await ownerQuery<{ n: number }>(
      t.url,
      'SELECT purchase_count AS n FROM member_stats WHERE member_id = $1',
      [a.memberId],
    );
    expect(stats!.n).toBe(purchasesWritten.length);
  });
});

describe('consent after a merge', () => {
  it('lets a "no" beat a "yes", and the later of two alike stand', () => {
    const yes = (at: string) => ({ granted: true, at, source: 'x' });
    const no = (at: string) => ({ granted: false, at, source: 'y' });
    expect(mergeConsents({ sms: yes('2026-02') }, { sms: no('2026-01') }).sms!.granted).toBe(false);
    expect(mergeConsents({ sms: no('2026-01') }, { sms: yes('2026-02') }).sms!.granted).toBe(false);
    expect(mergeConsents({ sms: yes('2026-01') }, { sms: yes('2026-02') }).sms!.at).toBe('2026-02');
    expect(mergeConsents({}, { line: yes('2026-01') }).line!.granted).toBe(true);
  });
});
