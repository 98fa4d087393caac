import type { Language } from '@regulars/contracts';
import { escapeHtml } from '@regulars/core';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../http/context';
import type { Api } from '../../http/routes';
import { withdrawConsent, type UnsubscribeSource } from './consent';
import { readUnsubscribeToken } from './tokens';

const TEXT: Record<
  Language,
  { title: string; ask: string; button: string; done: string; bad: string }
> = {
  'zh-CN': {
    title: '退订',
    ask: '不再通过电子邮件收到 {shop} 的营销消息？',
    button: '退订',
    done: '已退订。您不会再通过电子邮件收到 {shop} 的营销消息。',
    bad: '这个退订链接无效。请使用邮件中的完整链接。',
  },
  'zh-TW': {
    title: '取消訂閱',
    ask: '不再透過電子郵件收到 {shop} 的行銷訊息？',
    button: '取消訂閱',
    done: '已取消訂閱。您不會再透過電子郵件收到 {shop} 的行銷訊息。',
    bad: '這個取消訂閱連結無效。請使用郵件中的完整連結。',
  },
  en: {
    title: 'Unsubscribe',
    ask: 'Stop marketing email from {shop}?',
    button: 'Unsubscribe',
    done: 'Done. You will get no more marketing email from {shop}.',
    bad: 'This unsubscribe link is not valid. Use the whole link from the email.',
  },
};

const page = (lang: Language, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(TEXT[lang].title)}</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em">${body}</body></html>`;

type Found = {
  tenantId: string;
  memberId: string;
  channel: 'email' | 'sms';
  lang: Language;
  shop: string;
};

/** The delivery a token names; nothing is read before its signature checks out. */
async function resolveToken(ctx: AppContext, token: string): Promise<Found | null> {
  const named = readUnsubscribeToken(ctx.config.secret, token);
  if (!named) return null;
  const { tenantId, deliveryId } = named;
  return ctx.db.withTenant(tenantId, async (tx) => {
    const row = await tx
      .selectFrom('message_deliveries as d')
      .innerJoin('tenants as t', 't.tenant_id', 'd.tenant_id')
      .select(['d.member_id', 'd.channel', 'd.language', 't.name'])
      .where('d.delivery_id', '=', deliveryId)
      .executeTakeFirst();
    if (!row?.member_id || (row.channel !== 'email' && row.channel !== 'sms')) return null;
    return {
      tenantId,
      memberId: row.member_id,
      channel: row.channel,
      lang: (row.language ?? 'en') as Language,
      shop: row.name,
    };
  });
}

const Params = z.strictObject({ token: z.string().min(10).max(100) });

/**
 * Unsubscribe without signing in: the link in every marketing email shows a confirmation page
 * (link checkers open links; they do not press buttons), and a POST to the same address — the
 * page's button or a mail client's one-click (RFC 8058) — withdraws consent at once.
 */
export function registerUnsubscribeRoutes(api: Api): void {
  const ctx = api.ctx;
  void api.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, body, done) => done(null, String(body)),
    );
    scope.get(
      '/messaging/unsubscribe/:token',
      {
        config: { access: 'public' },
        schema: { params: Params, tags: ['Messaging'], summary: 'Unsubscribe page' },
      },
      async (req, reply) => {
        const found = await resolveToken(ctx, req.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found)
          return reply
            .code(404)
            .send(page('en', `<p>${TEXT.en.bad}</p><p>${TEXT['zh-TW'].bad}</p>`));
        const t = TEXT[found.lang];
        const shop = escapeHtml(found.shop);
        return page(
          found.lang,
          `<h1>${t.title}</h1><p>${t.ask.replace('{shop}', shop)}</p><form method="post"><button type="submit">${t.button}</button></form>`,
        );
      },
    );
    scope.post(
      '/messaging/unsubscribe/:token',
      {
        config: { access: 'public' },
        schema: { params: Params, tags: ['Messaging'], summary: 'Unsubscribe (one click)' },
      },
      async (req, reply) => {
        const found = await resolveToken(ctx, req.params.token);
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
        if (!found) return reply.code(404).send(page('en', `<p>${TEXT.en.bad}</p>`));
        const oneClick =
          typeof req.body === 'string' && req.body.includes('List-Unsubscribe=One-Click');
        const source: UnsubscribeSource = oneClick ? 'one_click' : 'unsubscribe_link';
        await ctx.db.withTenant(found.tenantId, (tx) =>
          withdrawConsent(
            ctx.events,
            tx,
            found.tenantId,
            found.memberId,
            found.channel,
            source,
            ctx.clock.now(),
          ),
        );
        const t = TEXT[found.lang];
        return page(
          found.lang,
          `<h1>${t.title}</h1><p>${t.done.replace('{shop}', escapeHtml(found.shop))}</p>`,
        );
      },
    );
  });
}
