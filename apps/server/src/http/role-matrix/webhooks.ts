import { type Fixture, type Rules } from './rules';

// Port 9 (discard) on loopback: nothing listens, so a test event fails fast and goes nowhere.
const endpoint = (fx: Fixture) =>
  fx.create('/api/webhooks', {
    url: `http://127.0.0.1:9/hook-${fx.next()}`,
    eventTypes: ['member.created'],
  });

/** A business's webhook endpoints and their delivery logs: system maintainers only. */
export const WEBHOOKS_ROUTES: Rules = {
  'GET /api/webhooks': {
    access: 'settings.maintain',
    request: () => ({ url: '/api/webhooks' }),
  },
  'POST /api/webhooks': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/webhooks',
      payload: { url: `https://hooks.example.com/${fx.next()}`, eventTypes: ['tier.changed'] },
    }),
  },
  'GET /api/webhooks/:id': {
    access: 'settings.maintain',
    request: async (fx) => ({ url: `/api/webhooks/${(await endpoint(fx)).endpoint.endpointId}` }),
  },
  'PUT /api/webhooks/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const { endpoint: e } = await endpoint(fx);
      return {
        url: `/api/webhooks/${e.endpointId}`,
        payload: { url: e.url, eventTypes: e.eventTypes, active: false, version: e.version },
      };
    },
  },
  'POST /api/webhooks/:id/rotate-secret': {
    access: 'settings.maintain',
    request: async (fx) => ({
      url: `/api/webhooks/${(await endpoint(fx)).endpoint.endpointId}/rotate-secret`,
    }),
  },
  'POST /api/webhooks/:id/test': {
    access: 'settings.maintain',
    request: async (fx) => ({
      url: `/api/webhooks/${(await endpoint(fx)).endpoint.endpointId}/test`,
    }),
  },
  'GET /api/webhooks/:id/deliveries': {
    access: 'settings.maintain',
    request: async (fx) => ({
      url: `/api/webhooks/${(await endpoint(fx)).endpoint.endpointId}/deliveries`,
    }),
  },
  'POST /api/webhook-deliveries/:id/redeliver': {
    access: 'settings.maintain',
    request: async (fx) => {
      const { endpoint: e } = await endpoint(fx);
      const test = await fx.create(`/api/webhooks/${e.endpointId}/test`, {});
      return { url: `/api/webhook-deliveries/${test.deliveryId}/redeliver` };
    },
  },
};
