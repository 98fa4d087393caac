import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';

let t: TestApp;
let tenantId: string;
let admin: Caller;
let manager: Caller;
let marketing: Caller;
let assistant: Caller;
let memberId: string;
let friendId: string;

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedTenant(t.ctx, 'story')).tenantId;
  admin = await signIn(t.app, 'story', 'admin@story.test');
  manager = await signIn(t.app, 'story', 'customer_manager@story.test');
  marketing = await signIn(t.app, 'story', 'marketing_manager@story.test');
  assistant = await signIn(t.app, 'story', 'customer_assistant@story.test');
  const m = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '林美玲', gender: 'female', phone: '0922111222' },
  });
  memberId = m.json().memberId;
  const f = await manager.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '陳志明', phone: '0933222111' },
  });
  friendId = f.json().memberId;
  t.clock.advance(60_000); // what happens next happens after joining
});
afterAll(() => t.close());

describe('the product catalog', () => {
  let sauces: string;
  it('keeps categories in a tree and refuses cycles', async () => {
    const root = (
      await admin.inject({
        method: 'POST',
        url: '/api/product-categories',
        payload: { name: '火鍋料' },
      })
    ).json();
    const sub = (
      await admin.inject({
        method: 'POST',
        url: '/api/product-categories',
        payload: { name: '醬料', parentId: root.categoryId },
      })
    ).json();
    expect(sub.path).toEqual([root.categoryId, sub.categoryId]);
    const cycle = await admin.inject({
      method: 'PUT',
      url: `/api/product-categories/${root.categoryId}`,
      payload: { name: '火鍋料', parentId: sub.categoryId, version: root.version },
    });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json().error.code).toBe('category.cycle');
    sauces = sub.categoryId;
  });

  it('adds products, one per SKU, and announces each new one', async () => {
    const p = await admin.inject({
      method: 'POST',
      url: '/api/products',
      payload: { sku: 'SAUCE-1', name: '沙茶醬', priceMinor: 12000, categoryId: sauces },
    });
    expect(p.statusCode, p.body).toBe(200);
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/products',
      payload: { sku: 'SAUCE-1', name: 'x', priceMinor: 1 },
    });
    expect(dup.json().error.code).toBe('conflict.duplicate');
    expect(
      (
        await manager.inject({
          method: 'POST',
          url: '/api/products',
          payload: { sku: 'X', name: 'x', priceMinor: 1 },
        })
      ).statusCode,
    ).toBe(403);
    await admin.inject({
      method: 'POST',
      url: '/api/products',
      payload: { sku: 'BEEF-1', name: '肥牛', priceMinor: 38000 },
    });
    const events = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('domain_events')
        .select('payload')
        .where('type', '=', 'product.created')
        .execute(),
    );
    expect(events).toHaveLength(2);
    const inTree = await assistant.inject({ url: `/api/products?categoryId=${sauces}` });
    expect(inTree.json().items.map((x: { sku: string }) => x.sku)).toEqual(['SAUCE-1']);
  });
});

describe('purchases', () => {
  it('are recorded with their lines, once per external id, and keep spending figures', async () => {
    const body = {
      memberId,
      externalId: 'POS-1001',
      channel: 'pos',
      lines: [
        { sku: 'SAUCE-1', quantity: 2, unitPriceMinor: 12000 },
        { name: '白飯', unitPriceMinor: 1000 },
      ],
    };
    const first = await assistant.inject({ method: 'POST', url: '/api/purchases', payload: body });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().totalMinor).toBe(25000);
    expect(first.json().lines[0].name).toBe('沙茶醬');
    const retry = await assistant.inject({ method: 'POST', url: '/api/purchases', payload: body });
    expect(retry.json().purchaseId).toBe(first.json().purchaseId);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const other = await assistant.inject({
      method: 'POST',
      url: '/api/purchases',
      payload: { ...body, memberId: friendId },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('purchase.external_id_conflict');
    const stats = await t.ctx.db.withTenant(tenantId, (tx) =>
      tx
        .selectFrom('member_stats')
        .selectAll()
        .where('member_id', '=', memberId)
        .executeTakeFirstOrThrow(),
    );
    expect(stats.purchase_count).toBe(1);
    expect(Number(stats.total_spent_minor)).toBe(25000);
    const list = await assistant.inject({ url: `/api/members/${memberId}/purchases` });
    expect(list.json()).toHaveLength(1);
  });

  it('explain a line that is neither named nor in the catalog', async () => {
    const res = await assistant.inject({
      method: 'POST',
      url: '/api/purchases',
      payload: { memberId, lines: [{ sku: 'NOPE', unitPriceMinor: 100 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('purchase.unknown_line');
  });
});

describe('notes', () => {
  let noteId: string;
  it("can be edited by their author, or by a role that may edit others' notes", async () => {
    const n = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/notes`,
      payload: { body: '喜歡小辣，不要香菜' },
    });
    expect(n.statusCode).toBe(200);
    noteId = n.json().noteId;
    const byManager = await manager.inject({
      method: 'PATCH',
      url: `/api/notes/${noteId}`,
      payload: { body: 'changed', version: 1 },
    });
    expect(byManager.statusCode).toBe(403);
    const notes = await manager.inject({ url: `/api/members/${memberId}/notes` });
    expect(notes.json()[0].editable).toBe(false);
    const byMarketing = await marketing.inject({
      method: 'PATCH',
      url: `/api/notes/${noteId}`,
      payload: { body: '喜歡小辣，不要香菜，愛喝酸梅湯', version: 1 },
    });
    expect(byMarketing.statusCode).toBe(200);
    const own = await assistant.inject({
      method: 'PATCH',
      url: `/api/notes/${noteId}`,
      payload: { body: 'again', version: 1 },
    });
    expect(own.json().error.code).toBe('conflict.version');
  });

  it('take attachments of allowed types only, checked by content', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const ok = await assistant.inject({
      method: 'POST',
      url: `/api/notes/${noteId}/attachments?filename=${encodeURIComponent('菜單.png')}`,
      payload: png,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const att = ok.json().attachments[0];
    expect(att).toMatchObject({
      filename: '菜單.png',
      contentType: 'image/png',
      sizeBytes: png.length,
    });
    const exe = Buffer.from('4d5a90000300000004000000ffff0000', 'hex');
    const bad = await assistant.inject({
      method: 'POST',
      url: `/api/notes/${noteId}/attachments?filename=menu.png`,
      payload: exe,
      headers: { 'content-type': 'image/png' },
    });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.code).toBe('attachment.type_not_allowed');
    const big = await assistant.inject({
      method: 'POST',
      url: `/api/notes/${noteId}/attachments?filename=big.txt`,
      payload: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61),
      headers: { 'content-type': 'text/plain' },
    });
    expect(big.statusCode).toBe(413);
    const file = await manager.inject({ url: `/api/attachments/${att.attachmentId}` });
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain(
      "filename*=UTF-8''%E8%8F%9C%E5%96%AE.png",
    );
    expect(file.rawPayload.equals(png)).toBe(true);
  });
});

describe('tasks', () => {
  it('default to the creator and show up in "my tasks"', async () => {
    const task = await manager.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        memberId,
        title: '打電話感謝首次消費',
        dueAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    expect(task.statusCode, task.body).toBe(200);
    expect(task.json().memberName).toBe('林美玲');
    const mine = await manager.inject({ url: '/api/tasks?mine=true&status=open' });
    expect(mine.json().map((x: { title: string }) => x.title)).toEqual(['打電話感謝首次消費']);
    expect((await assistant.inject({ url: '/api/tasks?mine=true' })).json()).toEqual([]);
    const done = await manager.inject({
      method: 'PATCH',
      url: `/api/tasks/${task.json().taskId}`,
      payload: { status: 'done', version: 1 },
    });
    expect(done.json().completedAt).not.toBeNull();
  });
});

describe('anniversaries and relations', () => {
  it('record the dates and people that matter to a member', async () => {
    const a = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/anniversaries`,
      payload: { kind: 'wedding', date: '2015-10-10' },
    });
    expect(a.statusCode, a.body).toBe(200);
    const r1 = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/relations`,
      payload: { kind: 'introduced_by', relatedMemberId: friendId },
    });
    expect(r1.json().relatedMemberName).toBe('陳志明');
    const r2 = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/relations`,
      payload: { kind: 'child', contactName: '小寶', note: '2019 年生' },
    });
    expect(r2.json().contactName).toBe('小寶');
    const self = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/relations`,
      payload: { kind: 'friend', relatedMemberId: memberId },
    });
    expect(self.json().error.code).toBe('relation.self');
    const twice = await assistant.inject({
      method: 'POST',
      url: `/api/members/${memberId}/relations`,
      payload: { kind: 'introduced_by', relatedMemberId: friendId },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('relation.duplicate');
    expect(twice.json().error.message).toContain('陳志明');
    expect(
      (await assistant.inject({ url: `/api/members/${memberId}/relations` })).json(),
    ).toHaveLength(2);
  });
});
