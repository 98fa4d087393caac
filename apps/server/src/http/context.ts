import type { Clock } from '@regulars/core';
import type { Access, Language, Permission } from '@regulars/contracts';
import type { Db } from '@regulars/db';
import type { Config } from '../config';
import type { Actor } from '../platform/audit';
import type { Events } from '../platform/events';
import type { Jobs } from '../platform/jobs';

export const SESSION_COOKIE = 'regulars_session';

/** What every route and job can reach: the database, configuration, time, jobs and events. */
export type AppContext = {
  db: Db;
  config: Config;
  clock: Clock;
  jobs: Jobs;
  events: Events;
};

/** The caller of an authenticated request. */
export type AuthContext = {
  kind: 'staff' | 'api_key';
  tenantId: string;
  actor: Actor;
  permissions: ReadonlySet<Permission>;
  /** The store the caller works in now (staff: chosen in the admin; API key: its store). */
  storeId: string | null;
  /** Stores the caller may act for; null means all of the tenant's stores. */
  allowedStoreIds: readonly string[] | null;
  sessionId: string | null;
  csrfToken: string | null;
  language: Language | null;
};

/* eslint-disable @typescript-eslint/consistent-type-definitions -- module augmentation needs interfaces */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every /api route must say (checked at registration). */
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every /api route with its declared access, in registration order. */
    apiRoutes: { method: string; url: string; access: Access }[];
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

/** The authenticated caller; routes with access other than 'public' always have one. */
export function authOf(req: { auth: AuthContext | null }): AuthContext {
  if (!req.auth) throw new Error('route reached without authentication');
  return req.auth;
}
