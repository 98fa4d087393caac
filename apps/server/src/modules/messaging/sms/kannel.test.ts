import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsSegments } from '@regulars/core';
import { freePort } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedTenant, signIn, type TestApp } from '../../../../../../test/app';
import { startKannel, type Kannel } from '../../../../../../test/kannel';
import { channelDriver, type OutboundMessage } from '../channel';
import { deliveriesOf, drainOutbox } from '../test-helpers';
import { setupSms } from './index';
import { kannelDriver } from './kannel.driver';
import { dlrUrl, inboundUrl } from './sms-links';
import { deliveryOf, smsConsentOf, smsDelivery, smsMember } from './sms-fixtures';

// A real round trip: our driver → smsbox's sendsms → bearerbox → fakesmsc (the handset side),
// Kannel's delivery reports → our dlr-url, and a handset's reply → smsbox's get-url → us.
let t: TestApp;
let k: Kannel;
let tenantId: string;
let memberId: string;

beforeAll(async () => {
  const port = await freePort();
  t = await createTestApp({ config: { publicUrl: `http://127.0.0.1:${port}`, host: '127.0.0.1' } });
  await t.app.listen({ port, host: '127.0.0.1' });
  tenantId = (await seedTenant(t.ctx, 'kannel')).tenantId;
  ({ memberId } = await smsMember(t.app, 'kannel', '0922333444'));
  k = await startKannel({ inbound: [{ url: inboundUrl(t.ctx.config, tenantId) }] });
  t.ctx.config.kannel = {
    sendsmsUrl: k.sendsmsUrl,
    user: k.user,
    password: k.password,
    from: '0800123456',
    concurrency: 8,
  };
  setupSms(t.ctx);
}, 60_000);
afterAll(async () => {
  await k?.stop();
  await t?.close();
});

const until = async (what: string, ok: () => Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`${what}: not in ${ms} ms\n${await k.logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const message = (deliveryId: string, text: string, to = '+886922333444'): OutboundMessage => ({
  deliveryId,
  tenantId,
  memberId,
  channel: 'sms',
  to,
  text,
  category: 'marketing',
});

async function send(text: string, to = '+886922333444') {
  const id = await smsDelivery(t.ctx, tenantId, { memberId, to, text });
  const [result] = await channelDriver('sms')!.send([message(id, text, to)]);
  return { id, result };
}

/** A customer manager sends one member an SMS from the member card. */
async function sendFromCard(member: string, payload: { text: string; category?: string }) {
  const manager = await signIn(t.app, 'kannel', 'customer_manager@kannel.test');
  const res = await manager.inject({
    method: 'POST',
    url: `/api/members/${member}/messages`,
    payload: { channel: 'sms', ...payload },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('SMS through Kannel', () => {
  it('delivers a Chinese text intact, and Kannel’s report makes it delivered', async () => {
    const before = k.received.length;
    const text = '王先生您好：本週六火鍋八折，歡迎光臨！';
    const { id, result } = await send(text);
    expect(result).toEqual({ status: 'sent' });
    const [got] = (await k.waitForReceived(before + 1)).slice(before);
    expect(got).toEqual({ from: '0800123456', to: '+886922333444', text, parts: 1 });
    await until(
      'delivered',
      async () => (await deliveryOf(t.ctx, tenantId, id)).state === 'delivered',
    );
  });

  it('splits a long Chinese text into as many parts as the counter said', async () => {
    const before = k.received.length;
    for (const n of [70, 71, 135]) {
      await send('謝'.repeat(n));
    }
    const got = (await k.waitForReceived(before + 3)).slice(before);
    expect(got.map((m) => m.parts)).toEqual([1, 2, 3]);
    expect(got.map((m) => smsSegments(m.text).parts)).toEqual([1, 2, 3]);
    expect(got[2]!.text).toBe('謝'.repeat(135));
  });

  it('sends GSM text as GSM, € and braces included', async () => {
    const before = k.received.length;
    const text = 'Dear Mr Lin, {VIP} night: 20% off, €5 voucher inside.';
    await send(text);
    const [got] = (await k.waitForReceived(before + 1)).slice(before);
    expect(got!.text).toBe(text);
  });

  it('sends a batch concurrently, every message once', async () => {
    const before = k.received.length;
    const rows = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const to = `+8869220000${String(i).padStart(2, '0')}`;
        const text = `第${i}號：您的點數即將到期`;
        const id = await smsDelivery(t.ctx, tenantId, { memberId, to, text });
        return message(id, text, to);
      }),
    );
    const reported: number[] = [];
    const results = await channelDriver('sms')!.send(rows, async (i) => {
      reported.push(i);
    });
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    expect(reported.sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    const got = (await k.waitForReceived(before + 30)).slice(before);
    expect(new Set(got.map((m) => `${m.to} ${m.text}`))).toEqual(
      new Set(rows.map((m) => `${m.to} ${m.text}`)),
    );
  });

  it('退订 sent from the member’s phone withdraws SMS consent at once', async () => {
    expect((await smsConsentOf(t.ctx, tenantId, memberId))?.granted).toBe(true);
    await k.inject('+886922333444', '0800123456', '退订');
    await until('consent withdrawn', async () => {
      const sms = await smsConsentOf(t.ctx, tenantId, memberId);
      return sms?.granted === false;
    });
    expect(await smsConsentOf(t.ctx, tenantId, memberId)).toMatchObject({ source: 'sms_keyword' });
  });

  it('keeps a reply from the member’s phone, in Chinese', async () => {
    await k.inject('+886922333444', '0800123456', '好的，週六見');
    await until('reply kept', async () => {
      const rows = await t.ctx.db.withTenant(tenantId, (tx) =>
        tx
          .selectFrom('inbound_messages')
          .select('body_text')
          .where('member_id', '=', memberId)
          .where('kind', '=', 'reply')
          .execute(),
      );
      return rows.some((r) => r.body_text === '好的，週六見');
    });
  });
});

describe('through the outbox', () => {
  it('a message staff send one member goes out through Kannel and comes back delivered', async () => {
    // noon in Taipei: outside the business's quiet hours
    t.clock.set(new Date('2026-03-10T04:00:00Z'));
    const { memberId: chen } = await smsMember(t.app, 'kannel', '0933777888', '陳志明');
    await sendFromCard(chen, {
      category: 'marketing',
      text: '{{ member.salutation }}，週六火鍋八折！',
    });
    const before = k.received.length;
    await drainOutbox(t.ctx, tenantId);
    const [got] = (await k.waitForReceived(before + 1)).slice(before);
    const [row] = await deliveriesOf(t.ctx, tenantId, chen);
    expect(got).toMatchObject({ to: '+886933777888', text: row!.body_text });
    // rendered with the salutation (the business writes English by default: Ms Chen)
    expect(got!.text).toMatch(/Chen，週六火鍋八折！$/);
    await until('delivered', async () => {
      const [d] = await deliveriesOf(t.ctx, tenantId, chen);
      return d!.state === 'delivered';
    });
  });
});

describe('when Kannel is down', () => {
  it('the message waits, is tried again after the backoff, then delivered', async () => {
    const noon = new Date('2026-03-10T04:00:00Z');
    t.clock.set(noon);
    const { memberId: lee } = await smsMember(t.app, 'kannel', '0911222333', '李淑芬');
    const live = t.ctx.config.kannel!;
    const down = `http://127.0.0.1:${await freePort()}/cgi-bin/sendsms`;
    t.ctx.config.kannel = { ...live, sendsmsUrl: down };
    setupSms(t.ctx);
    try {
      await sendFromCard(lee, { text: '您的訂位已確認：週六晚上七點。' });
      await drainOutbox(t.ctx, tenantId);
    } finally {
      t.ctx.config.kannel = live;
      setupSms(t.ctx);
    }
    const [waiting] = await deliveriesOf(t.ctx, tenantId, lee);
    expect(waiting).toMatchObject({ state: 'queued', reason: 'retrying', attempts: 1 });
    expect(waiting!.detail).toContain('ECONNREFUSED');
    const before = k.received.length;
    // Kannel is back, but the backoff has not passed: nothing goes yet
    await drainOutbox(t.ctx, tenantId);
    expect((await deliveriesOf(t.ctx, tenantId, lee))[0]!.state).toBe('queued');
    t.clock.set(new Date(noon.getTime() + 5 * 60_000));
    await drainOutbox(t.ctx, tenantId);
    const [got] = (await k.waitForReceived(before + 1)).slice(before);
    expect(got).toMatchObject({ to: '+886911222333', text: '您的訂位已確認：週六晚上七點。' });
    await until('delivered', async () => {
      const [d] = await deliveriesOf(t.ctx, tenantId, lee);
      return d!.state === 'delivered';
    });
  });
});

describe('when Kannel cannot take a message', () => {
  const driver = (over: { sendsmsUrl?: string; password?: string; concurrency?: number }) =>
    kannelDriver({
      ...t.ctx.config.kannel!,
      ...over,
      dlrUrl: (m) => dlrUrl(t.ctx.config, m.tenantId, m.deliveryId),
    });

  it('a gateway that is down gives a failure to retry', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/cgi-bin/sendsms`;
    const [r] = await driver({ sendsmsUrl: closed }).send([message('x', '您好')]);
    expect(r).toMatchObject({ status: 'failed', permanent: false });
    expect((r as { error: string }).error).toContain('ECONNREFUSED');
  });

  it('a kept-alive connection closed under our feet is tried once more, on a new one', async () => {
    let requests = 0;
    // what smsbox does when its idle timeout closes a connection just as we reuse it
    const gateway = createServer((req, res) => {
      if (++requests === 2) return req.socket.destroy();
      res.writeHead(202).end('0: Accepted for delivery');
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const { port } = gateway.address() as AddressInfo;
    const d = driver({ sendsmsUrl: `http://127.0.0.1:${port}/cgi-bin/sendsms`, concurrency: 1 });
    try {
      const results = await d.send([message('a', '您好'), message('b', '您好')]);
      expect(results).toEqual([{ status: 'sent' }, { status: 'sent' }]);
      expect(requests).toBe(3);
    } finally {
      await d.close?.();
      gateway.close();
    }
  });

  it('a refused number is final; our own wrong password is not the number’s fault', async () => {
    const [noNumber] = await driver({}).send([message('x', '您好', '')]);
    expect(noNumber).toMatchObject({ status: 'failed', permanent: true, invalidAddress: true });
    expect((noNumber as { error: string }).error).toMatch(/^kannel 4\d\d: .*receiver/i);
    const [wrong] = await driver({ password: 'wrong' }).send([message('x', '您好')]);
    expect(wrong).toMatchObject({ status: 'failed', permanent: false });
    expect((wrong as { error: string }).error).toMatch(/^kannel 403: Authorization failed/);
  });
});

describe('the Kannel test harness', () => {
  it('stops every process it started', async () => {
    const other = await startKannel();
    expect(other.pids).toHaveLength(3);
    await other.stop();
    const alive = other.pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
