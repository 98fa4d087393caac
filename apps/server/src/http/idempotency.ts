import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from '@regulars/db';
import { AppError } from './errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A reservation never completed (the process died mid-request) is given up after this. */
const ABANDONED_MS = 5 * 60_000;
/** How long a key is remembered: a retry after this is a new request. */
const KEEP_MS = 24 * 60 * 60_000;

type Reserved = { key: string; tenantId: string; actorId: string };
/** What `idempotency_reserve` (migration 0019) found: run the request, or answer at once. */
type Reservation = {
  outcome: 'new' | 'replay' | 'conflict' | 'in_progress';
  response_status: number | null;
  response_body: unknown;
};

/* eslint-disable @typescript-eslint/consistent-type-definitions -- module augmentation */
declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Reserved | null;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

const hashOf = (req: FastifyRequest) => {
  const h = createHash('sha256').update(`${req.method} ${req.url}\n`);
  // A raw upload is hashed as bytes, not as a JSON array of numbers.
  return (
    Buffer.isBuffer(req.body) ? h.update(req.body) : h.update(JSON.stringify(req.body ?? null))
  ).digest('hex');
};

/**
 * `Idempotency-Key` on any authenticated write: the first request with a key runs and its
 * response is kept; a retry with the same key and body gets the same response without running
 * again; the same key with another body is refused. Keys belong to one caller in one tenant.
 */
export function installIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !WRITES.has(req.method) || !req.auth?.actor.id) return;
    if (key.length < 1 || key.length > 200)
      throw new AppError('request.invalid', { detail: 'Idempotency-Key must be 1–200 characters' });
    const { db, clock } = app.ctx;
    const { tenantId, actor } = req.auth;
    const actorId = actor.id!;
    const requestHash = hashOf(req);
    const route = `${req.method} ${req.routeOptions.url}`;
    const r = await sql<Reservation>`
      SELECT * FROM idempotency_reserve(${tenantId}, ${actorId}, ${key}, ${route}, ${requestHash},
        ${clock.now()}, ${KEEP_MS}, ${ABANDONED_MS})`.execute(db.app);
    const outcome = r.rows[0]!;
    if (outcome.outcome === 'conflict') throw new AppError('request.idempotency_conflict');
    if (outcome.outcome === 'in_progress') throw new AppError('request.in_progress');
    if (outcome.outcome === 'replay') {
      reply.header('idempotent-replayed', 'true');
      return reply.status(outcome.response_status!).send(outcome.response_body);
    }
    req.idempotency = { key, tenantId, actorId };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    // A server failure is not an answer to keep (the function forgets the key): the retry runs.
    const body = typeof payload === 'string' && payload ? payload : 'null';
    await sql`SELECT idempotency_finish(${idem.tenantId}, ${idem.actorId}, ${idem.key},
      ${reply.statusCode}, ${body}::jsonb)`.execute(app.ctx.db.app);
    return payload;
  });
}
