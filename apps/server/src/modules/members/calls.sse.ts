import type { IncomingCall } from '@regulars/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import type { AppContext, AuthContext } from '../../http/context';
import type { Viewer } from './caller-id.service';
import { CALLS_CHANNEL, readIncomingCall } from './calls.service';

const HEARTBEAT_MS = 15_000;
const RECONNECT_MS = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Listener = {
  tenantId: string;
  extension: string;
  view: Viewer;
  send(call: IncomingCall): void;
  /** Ends the stream (the process is shutting down). */
  end(): void;
};

/**
 * Incoming calls, live: one PostgreSQL connection per API process LISTENs on one channel; a
 * notification names only a tenant and a call, and the card is read with that tenant set, once
 * per kind of viewer, for the staff whose extension rang. Whichever process took the phone
 * system's request, every process hears it.
 */
class CallHub {
  private client: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private closed = false;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly ctx: AppContext) {}

  /** Adds a listener once the channel is heard; returns its removal. */
  async add(l: Listener): Promise<() => void> {
    this.listeners.add(l);
    try {
      await this.listen();
    } catch (err) {
      this.listeners.delete(l);
      throw err;
    }
    return () => this.listeners.delete(l);
  }

  private listen(): Promise<void> {
    this.starting ??= this.connect().catch((err: unknown) => {
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.ctx.db.ownerUrl,
      application_name: 'regulars-calls',
    });
    client.on('notification', (msg) => {
      if (msg.channel === CALLS_CHANNEL && msg.payload) void this.dispatch(msg.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${CALLS_CHANNEL}`);
    this.client = client;
  }

  /** The connection dropped: listen again soon, while anyone is still listening. */
  private lost(client: pg.Client): void {
    if (this.client !== client && this.starting === null) return;
    this.client = null;
    this.starting = null;
    if (this.closed) return;
    setTimeout(() => {
      if (!this.closed && this.listeners.size) void this.listen().catch(() => undefined);
    }, RECONNECT_MS).unref();
  }

  private async dispatch(payload: string): Promise<void> {
    const [tenantId = '', callId = ''] = payload.split(':');
    if (!UUID.test(tenantId) || !UUID.test(callId)) return;
    const here = [...this.listeners].filter((l) => l.tenantId === tenantId);
    if (!here.length) return;
    try {
      await this.ctx.db.withTenant(tenantId, async (tx) => {
        const cache = new Map<string, IncomingCall | null>();
        for (const l of here) {
          const kind = `${l.view.lang}|${l.view.reveal}`;
          if (!cache.has(kind))
            cache.set(kind, await readIncomingCall(tx, callId, this.ctx.clock.now(), l.view));
          const call = cache.get(kind);
          if (call && call.extension === l.extension) l.send(call);
        }
      });
    } catch {
      // A card that cannot be read now is still in GET /api/calls; the stream goes on.
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const l of [...this.listeners]) l.end();
    this.listeners.clear();
    const client = this.client;
    this.client = null;
    this.starting = null;
    if (client) await client.end().catch(() => undefined);
  }
}

const hubs = new WeakMap<AppContext, CallHub>();

export function callHub(ctx: AppContext): CallHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new CallHub(ctx);
    hubs.set(ctx, hub);
  }
  return hub;
}

export async function closeCallHub(ctx: AppContext): Promise<void> {
  await hubs.get(ctx)?.close();
  hubs.delete(ctx);
}

/**
 * Streams the calls to `extension` as server-sent events (`event: call`, `id: <callId>`,
 * `data: IncomingCall`) with a comment every 15 s to keep proxies from closing the connection.
 */
export async function streamCalls(
  req: FastifyRequest,
  reply: FastifyReply,
  auth: AuthContext,
  extension: string,
  view: Viewer,
): Promise<void> {
  const raw = reply.raw;
  const write = (text: string) => {
    if (!raw.writableEnded) raw.write(text);
  };
  const remove = await callHub(req.server.ctx).add({
    tenantId: auth.tenantId,
    extension,
    view,
    send: (call) => write(`event: call\nid: ${call.callId}\ndata: ${JSON.stringify(call)}\n\n`),
    end: () => raw.end(),
  });
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': req.id,
  });
  write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ extension })}\n\n`);
  const beat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
  const end = () => {
    clearInterval(beat);
    remove();
  };
  req.raw.on('close', end);
  raw.on('close', end);
  raw.on('error', end);
}
