import { z } from 'zod';
import { normalizePhone } from '@regulars/core';
import { SmsDlrQuery, SmsGateway, SmsInboundQuery } from '@regulars/contracts';
import { authOf } from '../../../http/context';
import { AppError } from '../../../http/errors';
import type { Api } from '../../../http/routes';
import { receiveInbound } from '../inbound.service';
import { reportOf } from './kannel-dlr';
import { reportGroups } from './report-groups';
import { inboundUrl, readDlrToken, readInboundToken } from './sms-links';
import { inboundText } from './sms-text';

/** Kannel's `%p`: `+886912345678`, `886912345678` or a national `0912345678`. */
function e164Of(from: string, country: string): string {
  const direct = normalizePhone(from, country);
  if (direct.ok) return direct.phone.e164;
  const international = /^\d{8,15}$/.test(from) ? normalizePhone(`+${from}`, country) : direct;
  return international.ok ? international.phone.e164 : from;
}

/**
 * Kannel's callbacks (no session: a signed token in the query names the tenant and, for a
 * delivery report, the delivery; nothing is read before it checks out) and the gateway set-up.
 */
export function registerSmsRoutes(api: Api): void {
  const ctx = api.ctx;
  const tags = ['SMS'];
  const reports = reportGroups(ctx);

  api.get(
    '/sms/dlr',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Delivery report from Kannel (the dlr-url of each message)',
        querystring: SmsDlrQuery,
        response: { 200: z.object({ recorded: z.boolean() }) },
      },
    },
    async (req) => {
      const target = readDlrToken(ctx.config.secret, req.query.t);
      if (!target) throw new AppError('sms.link_invalid');
      const report = reportOf(req.query.status, req.query.answer ?? '');
      // buffered, or accepted by the SMSC: the delivery is already "sent"
      if (report === 'intermediate') return { recorded: false };
      const recorded = await reports.apply(target.tenantId, {
        deliveryId: target.deliveryId,
        ...report,
      });
      return { recorded };
    },
  );

  api.get(
    '/sms/inbound',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Inbound SMS from Kannel (the get-url of the business’s sms-service)',
        description:
          'Unsubscribe keywords (TD, 退订, 退訂, 取消, STOP) withdraw SMS marketing consent at ' +
          'once; anything else is kept as a reply on the member’s timeline. Answers 204 with no ' +
          'body, so Kannel sends no reply (set max-messages = 0 in the sms-service anyway).',
        querystring: SmsInboundQuery,
      },
    },
    async (req, reply) => {
      const target = readInboundToken(ctx.config.secret, req.query.t);
      if (!target) throw new AppError('sms.link_invalid');
      const text = inboundText(req.url, req.query.charset, req.query.coding);
      await ctx.db.withTenant(target.tenantId, async (tx) => {
        const { phone_country } = await tx
          .selectFrom('tenants')
          .select('phone_country')
          .executeTakeFirstOrThrow();
        const from = e164Of(req.query.from.trim(), phone_country);
        await receiveInbound(ctx.events, tx, target.tenantId, {
          channel: 'sms',
          from,
          text,
          receivedAt: ctx.clock.now(),
          providerId: req.query.id?.trim() || null,
        });
      });
      return reply.status(204).send();
    },
  );

  api.get(
    '/sms/gateway',
    {
      config: { access: 'settings.maintain' },
      schema: {
        tags,
        summary: 'The SMS gateway: live or development mode, and the inbound address for Kannel',
        response: { 200: SmsGateway },
      },
    },
    async (req) => {
      const url = inboundUrl(ctx.config, authOf(req).tenantId);
      const kannelService = [
        'group = sms-service',
        'keyword = default',
        'catch-all = true',
        'max-messages = 0',
        `get-url = "${url}"`,
      ].join('\n');
      return { live: ctx.config.kannel !== null, inboundUrl: url, kannelService };
    },
  );
}
