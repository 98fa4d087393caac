import { type Fixture, type Rules } from './rules';

const variants = { en: { subject: 'Hello', text: 'Hello {{ member.salutation }}' } };
const template = (fx: Fixture) =>
  fx.create('/api/messaging/templates', {
    name: `Template ${fx.next()}`,
    category: 'marketing',
    variants,
  });

/** The outbox, one-to-one sends, templates, messaging settings and the unsubscribe link. */
export const MESSAGING_ROUTES: Rules = {
  'GET /api/messaging/deliveries': {
    access: 'messages.send_single',
    request: () => ({ url: '/api/messaging/deliveries?state=sent' }),
  },
  'GET /api/messaging/status': {
    access: 'authenticated',
    request: () => ({ url: '/api/messaging/status' }),
  },
  'POST /api/members/:id/messages': {
    access: 'messages.send_single',
    request: (fx) => ({
      url: `/api/members/${fx.memberId}/messages`,
      payload: { channel: 'sms', text: 'See you tomorrow' },
    }),
  },
  'POST /api/messaging/preview': {
    access: 'messages.send_single',
    request: (fx) => ({
      url: '/api/messaging/preview',
      payload: { memberId: fx.memberId, channel: 'sms', text: 'Hi {{ member.name }}' },
    }),
  },
  'GET /api/messaging/templates': {
    access: 'messages.send_single',
    request: () => ({ url: '/api/messaging/templates' }),
  },
  'GET /api/messaging/template-variables': {
    access: 'messages.send_single',
    request: () => ({ url: '/api/messaging/template-variables' }),
  },
  'POST /api/messaging/templates': {
    access: 'templates.manage',
    request: (fx) => ({
      url: '/api/messaging/templates',
      payload: { name: `New ${fx.next()}`, category: 'transactional', variants },
    }),
  },
  'PUT /api/messaging/templates/:id': {
    access: 'templates.manage',
    request: async (fx) => {
      const t = await template(fx);
      return {
        url: `/api/messaging/templates/${t.templateId}`,
        payload: {
          name: t.name,
          category: 'marketing',
          variants,
          active: true,
          version: t.version,
        },
      };
    },
  },
  'GET /api/messaging/settings': {
    access: 'settings.maintain',
    request: () => ({ url: '/api/messaging/settings' }),
  },
  'PUT /api/messaging/settings': {
    access: 'settings.maintain',
    request: async (fx) => {
      const s = await fx.read('/api/messaging/settings');
      return {
        url: '/api/messaging/settings',
        payload: {
          capCount: 3,
          capDays: 7,
          emailFromName: 'Shop',
          emailReplyTo: null,
          webhookUrl: null,
          version: s.version,
        },
      };
    },
  },
  'GET /api/messaging/unsubscribe/:token': {
    access: 'public',
    request: () => ({ url: '/api/messaging/unsubscribe/unsub.not.signed.token' }),
    reached: { status: 404 },
  },
  'POST /api/messaging/unsubscribe/:token': {
    access: 'public',
    request: () => ({ url: '/api/messaging/unsubscribe/unsub.not.signed.token', payload: {} }),
    reached: { status: 404 },
  },
  // the mail server's pipe: public, and the signed bounce address (not a session) stops a caller
  'POST /api/messaging/bounces/:token': {
    access: 'public',
    request: () => ({
      url: `/api/messaging/bounces/b1.${'A'.repeat(22)}.${'B'.repeat(22)}.${'C'.repeat(22)}`,
    }),
    reached: { status: 403, code: 'messaging.bounce_link_invalid' },
  },
};
