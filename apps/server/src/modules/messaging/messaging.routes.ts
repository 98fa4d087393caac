import { z } from 'zod';
import {
  Delivery,
  DeliveryQuery,
  IdParams,
  MemberMessageCreate,
  MessagePreview,
  MessagePreviewRequest,
  MessagingSettings,
  MessagingSettingsUpdate,
  MessagingStatus,
  Page,
  Template,
  TemplateCreate,
  TemplateUpdate,
  TemplateVariable,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import { liveChannels, type ChannelKind } from './channel';
import { listDeliveries } from './deliveries.service';
import { loadTenant } from './facts';
import { previewMessage, sendToMember } from './send.service';
import { readSettings, updateSettings } from './settings.service';
import { createTemplate, listTemplates, updateTemplate } from './templates.service';
import { templateVariables } from './variables';

const SEND = { access: 'messages.send_single' } as const;
const TEMPLATES = { access: 'templates.manage' } as const;
const MAINTAIN = { access: 'settings.maintain' } as const;

/** The outbox, one-to-one sends, templates and messaging settings. */
export function registerMessagingApiRoutes(api: Api): void {
  const ctx = api.ctx;
  const tags = ['Messaging'];

  api.get(
    '/messaging/deliveries',
    {
      config: SEND,
      schema: {
        tags,
        summary: 'The outbox: every message and its state',
        querystring: DeliveryQuery,
        response: { 200: Page(Delivery) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      return ctx.db.withTenant(auth.tenantId, (tx) => listDeliveries(tx, req.query));
    },
  );
  api.get(
    '/messaging/status',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'Which channels really send', response: { 200: MessagingStatus } },
    },
    async (req) => {
      const auth = authOf(req);
      const tenant = await ctx.db.withTenant(auth.tenantId, (tx) => loadTenant(tx, auth.tenantId));
      const live = liveChannels();
      // Webhooks go out only for a business that has set its endpoint.
      const isLive = (c: ChannelKind) => live.includes(c) && (c !== 'webhook' || !!tenant.webhook);
      return {
        channels: (['email', 'sms', 'webhook'] as const).map((channel) => ({
          channel,
          live: isLive(channel),
        })),
      };
    },
  );
  api.post(
    '/members/:id/messages',
    {
      config: SEND,
      schema: {
        tags,
        summary: 'Send one member a message (a template or free text)',
        params: IdParams,
        body: MemberMessageCreate,
        response: { 200: z.object({ deliveryId: z.uuid(), state: z.string() }) },
      },
    },
    async (req) => {
      const r = await sendToMember(ctx, authOf(req), req.params.id, req.body);
      return { deliveryId: r.deliveryId, state: r.state };
    },
  );
  api.post(
    '/messaging/preview',
    {
      config: SEND,
      schema: {
        tags,
        summary: 'Preview a message for a real member',
        body: MessagePreviewRequest,
        response: { 200: MessagePreview },
      },
    },
    async (req) => previewMessage(ctx, authOf(req), req.body),
  );
  api.get(
    '/messaging/templates',
    {
      config: SEND,
      schema: {
        tags,
        summary: 'Message templates',
        response: { 200: z.object({ items: z.array(Template) }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      return { items: await ctx.db.withTenant(auth.tenantId, (tx) => listTemplates(tx)) };
    },
  );
  api.get(
    '/messaging/template-variables',
    {
      config: SEND,
      schema: {
        tags,
        summary: 'Variables a template may use',
        response: { 200: z.object({ items: z.array(TemplateVariable) }) },
      },
    },
    async () => ({ items: templateVariables() }),
  );
  api.post(
    '/messaging/templates',
    {
      config: TEMPLATES,
      schema: {
        tags,
        summary: 'Create a template',
        body: TemplateCreate,
        response: { 200: Template },
      },
    },
    async (req) => createTemplate(ctx, authOf(req), req.body),
  );
  api.put(
    '/messaging/templates/:id',
    {
      config: TEMPLATES,
      schema: {
        tags,
        summary: 'Change a template',
        params: IdParams,
        body: TemplateUpdate,
        response: { 200: Template },
      },
    },
    async (req) => updateTemplate(ctx, authOf(req), req.params.id, req.body),
  );
  api.get(
    '/messaging/settings',
    {
      config: MAINTAIN,
      schema: { tags, summary: 'Messaging settings', response: { 200: MessagingSettings } },
    },
    async (req) => readSettings(ctx, authOf(req)),
  );
  api.put(
    '/messaging/settings',
    {
      config: MAINTAIN,
      schema: {
        tags,
        summary: 'Change messaging settings',
        body: MessagingSettingsUpdate,
        response: { 200: MessagingSettings },
      },
    },
    async (req) => updateSettings(ctx, authOf(req), req.body),
  );
}
