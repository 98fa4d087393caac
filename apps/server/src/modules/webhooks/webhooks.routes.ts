import { z } from 'zod';
import {
  IdParams,
  Page,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import { listDeliveries, redeliver, sendTestEvent } from './deliveries.service';
import {
  createEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from './endpoints.service';

const tags = ['Webhooks'];
const config = { access: 'settings.maintain' } as const;

/** A business's webhook endpoints, their secrets and delivery logs. */
export function registerWebhookRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/webhooks',
    { config, schema: { tags, response: { 200: z.array(WebhookEndpoint) } } },
    async (req) => listEndpoints(ctx, authOf(req)),
  );
  api.post(
    '/webhooks',
    {
      config,
      schema: { tags, body: WebhookEndpointCreate, response: { 200: WebhookEndpointWithSecret } },
    },
    async (req) => createEndpoint(ctx, authOf(req), req.body),
  );
  api.get(
    '/webhooks/:id',
    { config, schema: { tags, params: IdParams, response: { 200: WebhookEndpoint } } },
    async (req) => getEndpoint(ctx, authOf(req), req.params.id),
  );
  api.put(
    '/webhooks/:id',
    {
      config,
      schema: {
        tags,
        params: IdParams,
        body: WebhookEndpointUpdate,
        response: { 200: WebhookEndpoint },
      },
    },
    async (req) => updateEndpoint(ctx, authOf(req), req.params.id, req.body),
  );
  api.post(
    '/webhooks/:id/rotate-secret',
    { config, schema: { tags, params: IdParams, response: { 200: WebhookEndpointWithSecret } } },
    async (req) => rotateSecret(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/webhooks/:id/test',
    { config, schema: { tags, params: IdParams, response: { 200: WebhookDelivery } } },
    async (req) => sendTestEvent(ctx, authOf(req), req.params.id),
  );
  api.get(
    '/webhooks/:id/deliveries',
    {
      config,
      schema: {
        tags,
        params: IdParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: Page(WebhookDelivery) },
      },
    },
    async (req) => listDeliveries(ctx, authOf(req), req.params.id, req.query),
  );
  api.post(
    '/webhook-deliveries/:id/redeliver',
    { config, schema: { tags, params: IdParams, response: { 200: WebhookDelivery } } },
    async (req) => redeliver(ctx, authOf(req), req.params.id),
  );
}
