import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { expectError } from '../../../../../test/expect-error';
import { webhookSignature } from '../messaging/webhook-driver';
import { EndpointTypes } from './endpoint-types';
import { postJson } from './post';
import { RETRY_SCHEDULE_MS } from './send';
import { drainWebhooks } from './test-helpers';

type Hit = { path: string; headers: IncomingHttpHeaders; body: string; answered: number };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies
let t: TestApp;
let server: Server;
let base: string;
const hits: Hit[] = [];
/** Status codes the receiver answers with, in turn; 200 once they run out. */
let answers: number[] = [];
let shop: { tenantId: string; admin: Caller };
let other: { tenantId: string; admin: Caller };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answered = answers.shift() ?? 200;
      hits.push({ path: req.url ?? '', headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestApp();
  t.clock.set(new Date('2026-05-04T02:00:00Z'));
  const a = await seedTenant(t.ctx, 'hooks');
  const b = await seedTenant(t.ctx, 'elsewhere');
  shop = { tenantId: a.tenantId, admin: await signIn(t.app, 'hooks', a.emails.admin) };
  other = { tenantId: b.tenantId, admin: await signIn(t.app, 'elsewhere', b.emails.admin) };
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => server.close(r));
});

const post = async (caller: Caller, url: string, payload?: object) => {
  const res = await caller.inject({ method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Json>();
};
const addEndpoint = (caller: Caller, path: string, eventTypes: string[]) =>
  post(caller, '/api/webhooks', { url: `${base}${path}`, description: path, eventTypes });
/** A new member, a second after the last thing that happened (the log lists newest first). */
const newMember = async (caller: Caller, name: string, phone: string) => {
  t.clock.advance(1000);
  return (await post(caller, '/api/members', { name, phone, email: `${phone}@mail.test` }))
    .memberId as string;
};
const hitsAt = (path: string) => hits.filter((h) => h.path === path);
const log = async (endpointId: string) =>
  (await shop.admin.inject({ url: `/api/webhooks/${endpointId}/deliveries` })).json<Json>().items;
/** PUTs the endpoint back as read, switched off. */
const switchOff = async (endpointId: string) => {
  const e = (await shop.admin.inject({ url: `/api/webhooks/${endpointId}` })).json<Json>();
  const { url, description, eventTypes, version } = e;
  const res = await shop.admin.inject({
    method: 'PUT',
    url: `/api/webhooks/${endpointId}`,
    payload: { url, description, eventTypes, version, active: false },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ active: false, version: version + 1 });
};
const domainEventJobs = async () =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM pgboss.job
        WHERE name = 'domain-event' AND data->>'tenantId' = ${shop.tenantId}`.execute(t.ctx.db.app)
    ).rows[0]!.n,
  );

describe('outgoing webhooks', () => {
  let endpointId: string;
  let secret: string;

  it('refuse addresses that are not http(s), carry credentials or reach metadata services', async () => {
    const cases: [string, string][] = [
      ['ftp://example.com/x', 'webhook.url_scheme'],
      ['https://user:pw@example.com/x', 'webhook.url_credentials'],
      ['http://169.254.169.254/latest/meta-data', 'webhook.url_forbidden_host'],
      ['http://[fe80::1]/hook', 'webhook.url_forbidden_host'],
      ['http://metadata.google.internal/', 'webhook.url_forbidden_host'],
      ['not an address', 'webhook.url_invalid'],
    ];
    for (const [url, code] of cases) {
      const res = await shop.admin.inject({
        method: 'POST',
        url: '/api/webhooks',
        payload: { url, eventTypes: ['member.created'] },
        headers: { 'accept-language': 'zh-TW' },
      });
      expectError(res, 400, code, url);
    }
    const en = await shop.admin.inject({
      method: 'POST',
      url: '/api/webhooks',
      payload: { url: 'http://169.254.169.254/', eventTypes: ['member.created'] },
    });
    expect(expectError(en, 400, 'webhook.url_forbidden_host').message).toContain('169.254.169.254');
    // Checked again at send time, whatever the stored address says.
    expect(await postJson('http://169.254.169.254/', {}, '{}')).toEqual({
      error: 'the address is link-local or a metadata service',
    });
  });

  it('cost a tenant without a subscribed endpoint no job per event', async () => {
    const before = await domainEventJobs();
    const record = () =>
      t.ctx.db.withTenant(shop.tenantId, (tx) =>
        t.ctx.events.record(tx, shop.tenantId, 'coupon.voided', { couponId: 'c', memberId: 'm' }),
      );
    await record();
    expect(await domainEventJobs()).toBe(before);
    const made = await addEndpoint(shop.admin, '/coupons', ['coupon.voided']);
    await record();
    expect(await domainEventJobs()).toBe(before + 1);
    await switchOff(made.endpoint.endpointId);
    await record();
    expect(await domainEventJobs()).toBe(before + 1);
  });

  it("reach other processes' caches at once when an endpoint changes", async () => {
    const elsewhere = new EndpointTypes(t.url); // the cache of another API or worker process
    const asks = () =>
      t.ctx.db.withTenant(shop.tenantId, (tx) => elsewhere.has(tx, shop.tenantId, 'tier.changed'));
    try {
      expect(await asks()).toBe(false);
      await new Promise((r) => setTimeout(r, 500)); // its LISTEN line is up
      const made = await addEndpoint(shop.admin, '/tiers', ['tier.changed']);
      await expect.poll(asks, { timeout: 5_000 }).toBe(true); // long before the 30 s TTL
      await switchOff(made.endpoint.endpointId);
      await expect.poll(asks, { timeout: 5_000 }).toBe(false);
    } finally {
      await elsewhere.close();
    }
  });

  it('post a signed event that carries ids, not contact details, and show the secret once', async () => {
    const made = await addEndpoint(shop.admin, '/members', ['member.created', 'member.updated']);
    endpointId = made.endpoint.endpointId;
    secret = made.secret;
    expect(secret).toMatch(/^whsec_/);
    const read = await shop.admin.inject({ url: `/api/webhooks/${endpointId}` });
    expect(read.body).not.toContain(secret);
    const list = await shop.admin.inject({ url: '/api/webhooks' });
    expect(list.body).not.toContain(secret);
    const memberId = await newMember(shop.admin, 'Ada Wu', '0912000111');
    await drainWebhooks(t.ctx, shop.tenantId);
    const [hit] = hitsAt('/members');
    expect(hit).toBeDefined();
    const body = JSON.parse(hit!.body) as Json;
    expect(body).toMatchObject({
      type: 'member.created',
      tenant: shop.tenantId,
      data: { memberId },
    });
    expect(hit!.headers['x-regulars-event-id']).toBe(body.id);
    expect(hit!.headers['x-regulars-event-type']).toBe('member.created');
    const ts = hit!.headers['x-regulars-timestamp'] as string;
    expect(Number(ts)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    expect(hit!.headers['x-regulars-signature']).toBe(webhookSignature(secret, ts, hit!.body));
    expect(hit!.headers['x-regulars-signature']).not.toBe(webhookSignature('wrong', ts, hit!.body));
    expect(hit!.body).not.toMatch(/0912000111|mail\.test|Ada Wu/);
    expect(await log(endpointId)).toMatchObject([
      { eventId: body.id, state: 'succeeded', attempts: 1, lastStatus: 200, nextAttemptAt: null },
    ]);
  });

  it('retry a failing receiver with backoff and deliver the event once, under one id', async () => {
    answers = [503, 503, 200];
    await newMember(shop.admin, 'Bo Lin', '0912000222');
    await drainWebhooks(t.ctx, shop.tenantId);
    const [first] = await log(endpointId);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 503 });
    expect(Date.parse(first.nextAttemptAt) - t.clock.now().getTime()).toBe(RETRY_SCHEDULE_MS[0]);
    await drainWebhooks(t.ctx, shop.tenantId); // not due yet: nothing is sent
    expect(hitsAt('/members')).toHaveLength(2);
    t.clock.advance(RETRY_SCHEDULE_MS[0]!);
    await drainWebhooks(t.ctx, shop.tenantId);
    expect((await log(endpointId))[0]).toMatchObject({ state: 'pending', attempts: 2 });
    t.clock.advance(RETRY_SCHEDULE_MS[1]!);
    await drainWebhooks(t.ctx, shop.tenantId);
    t.clock.advance(RETRY_SCHEDULE_MS[2]!);
    await drainWebhooks(t.ctx, shop.tenantId);
    const tries = hitsAt('/members').slice(1);
    expect(tries.map((h) => h.answered)).toEqual([503, 503, 200]);
    expect(new Set(tries.map((h) => h.headers['x-regulars-event-id'])).size).toBe(1);
    expect(new Set(tries.map((h) => h.body)).size).toBe(1);
    expect((await log(endpointId))[0]).toMatchObject({
      state: 'succeeded',
      attempts: 3,
      lastStatus: 200,
      nextAttemptAt: null,
    });
  });

  it('stop at a refusal (4xx other than 408/429), and send again on request', async () => {
    answers = [410];
    await newMember(shop.admin, 'Cy Ho', '0912000333');
    await drainWebhooks(t.ctx, shop.tenantId);
    const [gone] = await log(endpointId);
    expect(gone).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastStatus: 410,
      lastError: 'HTTP 410',
    });
    const count = hits.length;
    t.clock.advance(3 * 3_600_000);
    await drainWebhooks(t.ctx, shop.tenantId);
    expect(hits).toHaveLength(count);
    const again = await post(shop.admin, `/api/webhook-deliveries/${gone.deliveryId}/redeliver`);
    expect(again).toMatchObject({ state: 'pending' });
    await drainWebhooks(t.ctx, shop.tenantId);
    expect(hits.at(-1)!.headers['x-regulars-event-id']).toBe(gone.eventId);
    expect((await log(endpointId))[0]).toMatchObject({ state: 'succeeded', attempts: 2 });
  });

  it('send nothing to a disabled endpoint, and a test event on request', async () => {
    await switchOff(endpointId);
    const count = hits.length;
    const before = (await log(endpointId)).length;
    await newMember(shop.admin, 'Di Su', '0912000444');
    await drainWebhooks(t.ctx, shop.tenantId);
    expect(hits).toHaveLength(count);
    expect(await log(endpointId)).toHaveLength(before);
    const test = await post(shop.admin, `/api/webhooks/${endpointId}/test`);
    expect(test).toMatchObject({ eventType: 'webhook.test', state: 'succeeded', lastStatus: 200 });
    expect(JSON.parse(hits.at(-1)!.body)).toMatchObject({ type: 'webhook.test', id: test.eventId });
  });

  it("never send another business's events to this business's endpoint", async () => {
    await addEndpoint(other.admin, '/other', ['member.created']);
    const mine = await addEndpoint(shop.admin, '/mine', ['member.created']);
    const theirs = await newMember(other.admin, 'Elsewhere Member', '0912000555');
    await drainWebhooks(t.ctx, other.tenantId);
    await drainWebhooks(t.ctx, shop.tenantId);
    expect(hitsAt('/mine')).toHaveLength(0);
    expect(hitsAt('/other').map((h) => JSON.parse(h.body).data.memberId)).toEqual([theirs]);
    expect(hitsAt('/other').every((h) => JSON.parse(h.body).tenant === other.tenantId)).toBe(true);
    const foreign = await shop.admin.inject({
      url: `/api/webhooks/${mine.endpoint.endpointId}/deliveries`,
    });
    expect(foreign.json().items).toEqual([]);
  });

  it('rotate the secret: the new one signs from then on', async () => {
    const rotated = await post(shop.admin, `/api/webhooks/${endpointId}/rotate-secret`);
    expect(rotated.secret).not.toBe(secret);
    const test = await post(shop.admin, `/api/webhooks/${endpointId}/test`);
    expect(test.state).toBe('succeeded');
    const hit = hits.at(-1)!;
    const ts = hit.headers['x-regulars-timestamp'] as string;
    expect(hit.headers['x-regulars-signature']).toBe(
      webhookSignature(rotated.secret, ts, hit.body),
    );
  });

  it('post what the till records: the purchase and the points it earned', async () => {
    await addEndpoint(shop.admin, '/till', ['purchase.recorded', 'points.earned']);
    const program = await shop.admin.inject({ url: '/api/loyalty/program' });
    const put = await shop.admin.inject({
      method: 'PUT',
      url: '/api/loyalty/program',
      payload: { ...program.json<Json>(), awardedPoints: undefined, budgetPoints: 1_000_000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    await post(shop.admin, '/api/loyalty/rules', {
      name: 'A point per NT$1',
      kind: 'spend',
      points: 1,
      perAmountMinor: 100,
    });
    const memberId = await newMember(shop.admin, 'Eve Tsai', '0912000666');
    const sale = await post(shop.admin, '/api/pos/purchases', {
      memberId,
      externalId: 'TILL-1',
      lines: [{ name: 'Hotpot set', quantity: 1, unitPriceMinor: 50_000 }],
    });
    await drainWebhooks(t.ctx, shop.tenantId);
    const bodies = hitsAt('/till').map((h) => JSON.parse(h.body) as Json);
    expect(bodies.map((b) => b.type).sort()).toEqual(['points.earned', 'purchase.recorded']);
    expect(bodies.find((b) => b.type === 'purchase.recorded')!.data).toMatchObject({
      purchaseId: sale.purchase.purchaseId,
      memberId,
      totalMinor: 50_000,
    });
    expect(bodies.find((b) => b.type === 'points.earned')!.data).toMatchObject({
      memberId,
      points: 500,
    });
  });
});
