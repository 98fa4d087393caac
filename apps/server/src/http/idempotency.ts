import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A reservation never completed (the process died mid-request) is given up after this. */
const ABANDONED_MS = 5 * 60_000;
/** How long a key is remembered: a retry after this is a new request. */
const KEEP_MS = 24 * 60 * 60_000;

type Reserved = { key: string; tenantId: string; actorId: string };

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
    const now = clock.now();
    const outcome = await db.withTenant(tenantId, async (tx) => {
      const existing = await tx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('actor_id', '=', actorId)
        .where('key', '=', key)
        .forUpdate()
        .executeTakeFirst();
      const age = existing ? now.getTime() - existing.created_at.getTime() : 0;
      const stale =
        existing && (age > KEEP_MS || (existing.response_status === 0 && age > ABANDONED_MS));
      if (existing && !stale) {
        if (existing.request_hash !== requestHash || existing.route !== route)
          throw new AppError('request.idempotency_conflict');
        if (existing.response_status === 0) throw new AppError('request.in_progress');
        return { replay: existing };
      }
      if (existing)
        await tx
          .deleteFrom('idempotency_keys')
          .where('actor_id', '=', actorId)
          .where('key', '=', key)
          .execute();
      const inserted = await tx
        .insertInto('idempotency_keys')
        .values({
          tenant_id: tenantId,
          key,
          actor_id: actorId,
          route,
          request_hash: requestHash,
          response_status: 0,
          created_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) throw new AppError('request.in_progress');
      return { replay: null };
    });
    if (outcome.replay) {
      reply.header('idempotent-replayed', 'true');
      return reply.status(outcome.replay.response_status).send(outcome.replay.response_body);
    }
    req.idempotency = { key, tenantId, actorId };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    req.idempotency = null;
    await app.ctx.db.withTenant(idem.tenantId, async (tx) => {
      const q = tx
        .updateTable('idempotency_keys')
        .where('actor_id', '=', idem.actorId)
        .where('key', '=', idem.key);
      // A server failure is not an answer to keep: the retry should run again.
      if (reply.statusCode >= 500) {
        await tx
          .deleteFrom('idempotency_keys')
          .where('actor_id', '=', idem.actorId)
          .where('key', '=', idem.key)
          .execute();
        return;
      }
      const body = typeof payload === 'string' && payload ? payload : 'null';
      await q.set({ response_status: reply.statusCode, response_body: body }).execute();
    });
    return payload;
  });
}
