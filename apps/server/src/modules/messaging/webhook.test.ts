import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { enqueueMessage } from './index';
import { drainOutbox } from './test-helpers';
import { webhookSignature } from './webhook-driver';

type Hit = { headers: Record<string, string | string[] | undefined>; body: string };
let t: TestApp;
let tenantId: string;
let admin: Caller;
let memberId: string;
let server: Server;
const hits: Hit[] = [];
let answer = 200;
const SECRET = 'a shared secret of the shop';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  t = await createTestApp();
  t.clock.set(new Date('2026-03-10T04:00:00Z'));
  tenantId = (await seedTenant(t.ctx, 'hook')).tenantId;
  admin = await signIn(t.app, 'hook', 'admin@hook.test');
  const m = await admin.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: 'Line Fan', phone: '0911222333', consents: { line: true } },
  });
  memberId = m.json().memberId;
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => server.close(r));
});

const state = (deliveryId: string) =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    tx
      .selectFrom('message_deliveries')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirstOrThrow(),
  );
let n = 0;
const send = () =>
  t.ctx.db.withTenant(tenantId, (tx) =>
    enqueueMessage(tx, t.ctx, tenantId, {
      cause: `hook:${++n}`,
      category: 'marketing',
      channel: 'webhook',
      memberId,
      content: { text: 'Hi {{ member.name }}' },
    }),
  );

describe('the webhook channel', () => {
  it('keeps messages in the outbox until the business sets its endpoint', async () => {
    const d = await send();
    await drainOutbox(t.ctx, tenantId);
    expect(await state(d.deliveryId)).toMatchObject({ state: 'sent', provider: 'development' });
    expect(hits).toHaveLength(0);
    const dev = await admin.inject({ method: 'GET', url: '/api/messaging/status' });
    expect(dev.json().channels).toContainEqual({ channel: 'webhook', live: false });
    const s = await admin.inject({ method: 'GET', url: '/api/messaging/settings' });
    const noSecret = await admin.inject({
      method: 'PUT',
      url: '/api/messaging/settings',
      payload: {
        ...(s.json() as object),
        webhookSecretSet: undefined,
        webhookUrl: 'http://x.test/hook',
      },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(noSecret.json().error).toMatchObject({ code: 'messaging.webhook_secret_required' });
    expect(noSecret.json().error.message).toContain('签章密钥');
    const port = (server.address() as AddressInfo).port;
    const put = await admin.inject({
      method: 'PUT',
      url: '/api/messaging/settings',
      payload: {
        capCount: null,
        capDays: 7,
        emailFromName: '',
        emailReplyTo: null,
        webhookUrl: `http://127.0.0.1:${port}/hook`,
        webhookSecret: SECRET,
        version: s.json().version,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ webhookSecretSet: true });
    expect(put.body).not.toContain(SECRET);
    const status = await admin.inject({ method: 'GET', url: '/api/messaging/status' });
    expect(status.json().channels).toContainEqual({ channel: 'webhook', live: true });
  });

  it('posts a signed body the receiver can check', async () => {
    const d = await send();
    await drainOutbox(t.ctx, tenantId);
    expect(await state(d.deliveryId)).toMatchObject({ state: 'sent', provider: 'webhook' });
    const hit = hits.at(-1)!;
    expect(JSON.parse(hit.body)).toMatchObject({
      deliveryId: d.deliveryId,
      memberId,
      text: 'Hi Line Fan',
    });
    expect(hit.headers['x-regulars-delivery']).toBe(d.deliveryId);
    const ts = hit.headers['x-regulars-timestamp'] as string;
    expect(hit.headers['x-regulars-signature']).toBe(webhookSignature(SECRET, ts, hit.body));
    expect(hit.headers['x-regulars-signature']).not.toBe(
      webhookSignature('another secret', ts, hit.body),
    );
  });

  it('retries a failing endpoint with backoff and gives up on a refusal', async () => {
    answer = 503;
    const d = await send();
    await drainOutbox(t.ctx, tenantId);
    expect(await state(d.deliveryId)).toMatchObject({
      state: 'queued',
      reason: 'retrying',
      attempts: 1,
    });
    answer = 200;
    t.clock.advance(60_000);
    await drainOutbox(t.ctx, tenantId);
    expect(await state(d.deliveryId)).toMatchObject({ state: 'sent', attempts: 2 });
    answer = 410;
    const gone = await send();
    await drainOutbox(t.ctx, tenantId);
    expect(await state(gone.deliveryId)).toMatchObject({
      state: 'failed',
      reason: 'permanent',
      detail: 'HTTP 410',
    });
  });
});
