import { BounceReceipt } from '@regulars/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import type { Api } from '../../http/routes';
import { receiveBounce } from './bounces.service';
import { readBounceToken } from './tokens';

const Params = z.strictObject({ token: z.string().min(10).max(100) });
/** A bounce returns our message or its headers; Exchange returns the whole of it. */
const MOST_BYTES = 5 * 1024 * 1024;

/**
 * Bounces handed over by the mail server: `POST /api/messaging/bounces/<token>` with the raw
 * message (`Content-Type: message/rfc822`), where the token is the extension of the bounce
 * address the message came back to (`bounces+<token>@…`). The token is signed and names the
 * business and the message, so nothing is read before it checks out, and no one can bounce a
 * message they were not sent. A pipe from Postfix is described in docs/messaging.md.
 */
export function registerBounceRoutes(api: Api): void {
  const ctx = api.ctx;
  void api.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      'message/rfc822',
      { parseAs: 'buffer', bodyLimit: MOST_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/messaging/bounces/:token',
      {
        config: { access: 'public' },
        schema: {
          params: Params,
          tags: ['Messaging'],
          summary: 'A bounce (delivery status notification) from the mail server',
          description:
            'The message that came back to an email’s bounce address, as it arrived. A hard ' +
            'bounce (5.x.x) bounces the message and blocks the address; a soft one (4.x.x) is ' +
            'recorded; an out-of-office reply changes nothing; the same notification twice is ' +
            'applied once.',
          response: { 200: BounceReceipt },
        },
      },
      async (req) => {
        const target = readBounceToken(ctx.config.secret, req.params.token);
        if (!target) throw new AppError('messaging.bounce_link_invalid');
        if (!Buffer.isBuffer(req.body)) throw new AppError('messaging.bounce_not_a_message');
        return { outcome: await receiveBounce(ctx, target, req.body) };
      },
    );
  });
}
