import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { expectError } from '../../../../../test/expect-error';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies
type Event = { event: string; data: Json; at: number };

/** A server-sent-events client over a real socket: collects events as they arrive. */
class Stream {
  readonly events: Event[] = [];
  private readonly abort = new AbortController();
  private waiters: (() => void)[] = [];
  status = 0;

  static async open(base: string, cookie: string): Promise<Stream> {
    const s = new Stream();
    const res = await fetch(`${base}/api/calls/stream`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: s.abort.signal,
    });
    s.status = res.status;
    if (res.status === 200) void s.read(res.body!.getReader());
    return s;
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const event = field('event');
          if (!event) continue;
          this.events.push({ event, data: JSON.parse(field('data') ?? 'null'), at: Date.now() });
          for (const w of this.waiters.splice(0)) w();
        }
      }
    } catch {
      // aborted
    }
  }

  /** The first event of this kind, waiting up to `ms` for it (undefined if none came). */
  async next(event: string, ms: number, after = 0): Promise<Event | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find((e) => e.event === event && e.at >= after);
      if (found || Date.now() >= deadline) return found;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, Math.max(1, deadline - Date.now()));
      });
    }
  }

  close() {
    this.abort.abort();
  }
}

let t: TestApp;
let base: string;
let admin: Caller;
let assistant: Caller;
let manager: Caller;
let otherAssistant: Caller;
let phoneSystem: string;
const streams: Stream[] = [];

async function setExtension(who: Caller, email: string, ext: string | null) {
  const list = (await who.inject({ url: '/api/staff' })).json() as Json[];
  const s = list.find((x) => x.email === email)!;
  const res = await who.inject({
    method: 'PUT',
    url: `/api/staff/${s.staffId}`,
    payload: {
      name: s.name,
      email: s.email,
      roleId: s.roleId,
      storeIds: s.storeIds,
      phoneExtension: ext,
      language: s.language,
      active: true,
      version: s.version,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const report = (callerNumber: string, extension: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/calls',
    headers: { authorization: `Bearer ${phoneSystem}` },
    payload: { callerNumber, extension },
  });

async function open(who: Caller) {
  const s = await Stream.open(base, who.cookie);
  streams.push(s);
  return s;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedTenant(t.ctx, 'ring');
  await seedTenant(t.ctx, 'ring-b');
  admin = await signIn(t.app, 'ring', 'admin@ring.test');
  assistant = await signIn(t.app, 'ring', 'customer_assistant@ring.test');
  manager = await signIn(t.app, 'ring', 'customer_manager@ring.test');
  const adminB = await signIn(t.app, 'ring-b', 'admin@ring-b.test');
  otherAssistant = await signIn(t.app, 'ring-b', 'customer_assistant@ring-b.test');
  await setExtension(admin, 'customer_assistant@ring.test', '101');
  await setExtension(admin, 'customer_manager@ring.test', '102');
  await setExtension(adminB, 'customer_assistant@ring-b.test', '101');
  const key = await admin.inject({
    method: 'POST',
    url: '/api/api-keys',
    payload: { name: 'PBX', permissions: ['calls.report'] },
  });
  phoneSystem = key.json().secret;
  const member = await admin.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '林美華', gender: 'female', phone: '0912-345-678', tags: ['常客'] },
  });
  expect(member.statusCode).toBe(200);
  await adminB.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: 'Theirs', phone: '0912-345-678' },
  });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = address;
});
afterAll(async () => {
  for (const s of streams) s.close();
  await t.close();
});

describe('incoming calls', () => {
  it('pop the card within a second for staff on that extension only, never in another business', async () => {
    const mine = await open(assistant);
    const colleague = await open(manager);
    const elsewhere = await open(otherAssistant);
    expect([mine.status, colleague.status, elsewhere.status]).toEqual([200, 200, 200]);
    expect((await mine.next('ready', 2000))?.data).toEqual({ extension: '101' });
    await colleague.next('ready', 2000);
    await elsewhere.next('ready', 2000);

    const sent = Date.now();
    const res = await report('+886 912 345 678', '101');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched: true });
    expect(res.body).not.toContain('林美華'); // the phone system gets no personal data

    const call = await mine.next('call', 1000, sent);
    expect(call, 'the card arrived within 1 s').toBeDefined();
    expect(call!.at - sent).toBeLessThan(1000);
    expect(call!.data.callId).toBe(res.json().callId);
    expect(call!.data.card.name).toBe('林美華');
    expect(call!.data.card.addressAs).toBe('Ms Lin');
    expect(call!.data.card.tags).toEqual(['常客']);
    expect(call!.data.callerNumber).toBe('0912-***-678');

    expect(await colleague.next('call', 300, sent)).toBeUndefined();
    expect(await elsewhere.next('call', 300, sent)).toBeUndefined();
  });

  it('pop a stranger as a call without a card, and list recent calls', async () => {
    const mine = await open(manager);
    await mine.next('ready', 2000);
    t.clock.advance(5_000);
    const sent = Date.now();
    expect((await report('0987-654-321', '102')).json()).toMatchObject({ matched: false });
    const call = await mine.next('call', 1000, sent);
    // The number as staff in Taiwan write it, not E.164.
    expect(call?.data).toMatchObject({ card: null, callerNumber: '0987-654-321' });
    const recent = (await manager.inject({ url: '/api/calls?mine=true' })).json();
    expect(recent[0]).toMatchObject({ extension: '102', memberId: null });
    expect(recent[0].callerNumber).toBe('0987-654-321');
    const all = (await assistant.inject({ url: '/api/calls' })).json();
    expect(all.map((c: { extension: string }) => c.extension)).toEqual(['102', '101']);
    expect(all[1].memberName).toBe('林美華');
    expect(all.map((c: { callerNumber: string }) => c.callerNumber)).toEqual([
      '0987-***-321',
      '0912-***-678',
    ]);
  });

  it('refuse a stream to staff without an extension and to API keys', async () => {
    expectError(await admin.inject({ url: '/api/calls/stream' }), 409, 'calls.no_extension');
    const res = await t.app.inject({
      url: '/api/calls/stream',
      headers: { authorization: `Bearer ${phoneSystem}` },
    });
    expectError(res, 403, 'permission.denied');
  });

  it('let only holders of calls.report report calls', async () => {
    const res = await assistant.inject({
      method: 'POST',
      url: '/api/calls',
      payload: { callerNumber: '0912345678', extension: '101' },
    });
    expectError(res, 403, 'permission.denied');
  });
});
