import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PERMISSIONS, type Access, type Permission } from '@regulars/contracts';
import { resolveApiKey, resolveSession } from '../modules/tenancy';
import { SESSION_COOKIE } from './context';
import { AppError } from './errors';

/** One /api route and who may call it: the table the role-matrix test is generated from. */
export type ApiRoute = { method: string; url: string; access: Access };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isPermission = (a: Access): a is Permission => (PERMISSIONS as readonly string[]).includes(a);

/**
 * The one place where every /api route is checked: each must declare its access when it is
 * registered, and each request is authenticated (session cookie or API key), CSRF-checked
 * (cookie sessions, unsafe methods) and permission-checked before its handler runs.
 */
export function installGuard(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  const table: ApiRoute[] = [];
  app.decorate('apiRoutes', table);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    if (access !== 'public' && access !== 'authenticated' && !isPermission(access))
      throw new Error(`route ${route.url}: unknown permission ${access}`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    req.auth = await authenticate(req);
    if (req.auth.kind === 'staff' && UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.auth.csrfToken) throw new AppError('auth.csrf');
    }
    if (access !== 'authenticated' && !req.auth.permissions.has(access))
      throw new AppError('permission.denied', { permission: access });
  });
}

async function authenticate(req: FastifyRequest) {
  const ctx = req.server.ctx;
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new AppError('auth.api_key_invalid');
    return resolveApiKey(ctx, m[1]!, req.id);
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('auth.required');
  return resolveSession(ctx, token, req.id);
}
