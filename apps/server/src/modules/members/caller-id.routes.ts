import { z } from 'zod';
import {
  Call,
  CallerIdQuery,
  CallerIdResult,
  CallReport,
  CallReported,
  CallsQuery,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import { languageOf } from '../../http/error-handler';
import { AppError } from '../../http/errors';
import type { Api } from '../../http/routes';
import { lookUpCaller, viewerOf } from './caller-id.service';
import { extensionOf, listCalls, reportCall } from './calls.service';
import { closeCallHub, streamCalls } from './calls.sse';

/** Caller ID (來電顯示): look a number up; phone systems report calls; staff see them live. */
export function registerCallerIdRoutes(api: Api): void {
  const ctx = api.ctx;
  const tags = ['Caller ID'];
  api.addHook('preClose', async () => closeCallHub(ctx));

  api.get(
    '/caller-id',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'The member card for a phone number in any format (member null: a stranger)',
        querystring: CallerIdQuery,
        response: { 200: CallerIdResult },
      },
    },
    async (req) => {
      const auth = authOf(req);
      return lookUpCaller(ctx, auth, req.query.phone, viewerOf(auth, languageOf(req)));
    },
  );

  api.post(
    '/calls',
    {
      config: { access: 'calls.report' },
      schema: {
        tags,
        summary: 'Report an incoming call (phone system, API key with calls.report)',
        description:
          'Staff whose profile has this extension and who have GET /api/calls/stream open see ' +
          'the caller’s card within a second. The card itself is not returned to the phone system.',
        body: CallReport,
        response: { 200: CallReported },
      },
    },
    async (req) => reportCall(ctx, authOf(req), req.body),
  );

  api.get(
    '/calls',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'Recent calls, newest first (mine=true: to my extension)',
        querystring: CallsQuery,
        response: { 200: z.array(Call) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      return listCalls(ctx, auth, req.query, viewerOf(auth, languageOf(req)));
    },
  );

  api.get(
    '/calls/stream',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'Calls to my extension, live (server-sent events; signed-in staff only)',
        description:
          'text/event-stream. Events: `ready` (data: {extension}) once, then `call` (id: callId, ' +
          'data: IncomingCall — the call with its card, null for a stranger) for each call to the ' +
          'signed-in staff member’s extension; a comment line every 15 s. Use EventSource ' +
          '(cookies are sent). 409 calls.no_extension when the staff profile has no extension.',
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      if (!auth.sessionId) throw new AppError('auth.session_required');
      const extension = await ctx.db.withTenant(auth.tenantId, (tx) => extensionOf(tx, auth));
      if (!extension) throw new AppError('calls.no_extension');
      await streamCalls(req, reply, auth, extension, viewerOf(auth, languageOf(req)));
    },
  );
}
