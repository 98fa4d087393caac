import {
  DemoCreated,
  Ok,
  Session,
  SetupCreate,
  SetupStatus,
  SignIn,
  SwitchStore,
} from '@regulars/contracts';
import { sql } from '@regulars/db';
import type { FastifyReply } from 'fastify';
import { authOf, SESSION_COOKIE, type AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { RateLimiter } from '../../http/rate-limit';
import type { Api } from '../../http/routes';
import { systemActor } from '../../platform/audit';
import { createDemoTenant } from './demo';
import { describeSession, signIn, signOut, switchStore } from './sessions.service';
import { createTenant } from './tenant-setup';

const tags = ['Sign-in and setup'];

function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: ctx.config.publicUrl.startsWith('https://'),
  });
}

export function registerAuthRoutes(api: Api): void {
  const ctx = api.ctx;
  const signInLimiter = new RateLimiter(ctx.config.signInLimit, 10 * 60_000, () =>
    ctx.clock.now().getTime(),
  );

  api.get(
    '/setup/status',
    { config: { access: 'public' }, schema: { tags, response: { 200: SetupStatus } } },
    async () => {
      const r = await ctx.db.withoutTenant((tx) =>
        sql<{ e: boolean }>`SELECT installation_is_empty() AS e`.execute(tx),
      );
      return { empty: !!r.rows[0]?.e };
    },
  );

  api.post(
    '/setup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'First run: create the business and its first administrator',
        body: SetupCreate,
        response: { 200: Session },
      },
    },
    async (req, reply) => {
      signInLimiter.hit(`setup:${req.ip}`);
      const { business, admin } = req.body;
      await createTenant(
        ctx,
        { ...business, staff: [{ ...admin, role: 'admin' }] },
        systemActor('setup'),
        { onlyIfEmpty: true },
      );
      const { token, session } = await signIn(
        ctx,
        { businessCode: business.slug, email: admin.email, password: admin.password },
        req.id,
      );
      setSessionCookie(ctx, reply, token);
      return session;
    },
  );

  api.post(
    '/setup/demo',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'First run: load the demo business instead',
        response: { 200: DemoCreated },
      },
    },
    async (req) => {
      signInLimiter.hit(`setup:${req.ip}`);
      const { businessCode, accounts } = await createDemoTenant(ctx, { onlyIfEmpty: true });
      return { businessCode, accounts };
    },
  );

  api.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: { tags, body: SignIn, response: { 200: Session } },
    },
    async (req, reply) => {
      signInLimiter.hit(`sign-in:${req.ip}`);
      const { token, session } = await signIn(ctx, req.body, req.id);
      setSessionCookie(ctx, reply, token);
      return session;
    },
  );

  api.post(
    '/auth/sign-out',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: Ok } } },
    async (req, reply) => {
      if (!authOf(req).sessionId) throw new AppError('auth.session_required');
      await signOut(ctx, authOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/auth/session',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: Session } } },
    async (req) => {
      const auth = authOf(req);
      if (!auth.sessionId) throw new AppError('auth.session_required');
      return ctx.db.withTenant(auth.tenantId, (tx) => describeSession(tx, auth.sessionId!));
    },
  );

  api.put(
    '/auth/session/store',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Switch the store you work in',
        body: SwitchStore,
        response: { 200: Session },
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (!auth.sessionId) throw new AppError('auth.session_required');
      return switchStore(ctx, auth, req.body.storeId);
    },
  );
}
