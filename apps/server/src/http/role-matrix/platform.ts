import { StoreUpdate, TenantSettingsUpdate } from '@regulars/contracts';
import { fieldsOf, password, type Rules } from './rules';

/** Set-up, sign-in, settings, stores, roles, staff, API keys, demo progress and the audit log. */
export const PLATFORM_ROUTES: Rules = {
  'GET /api/health': { access: 'public', request: () => ({ url: '/api/health' }) },
  'GET /api/setup/status': { access: 'public', request: () => ({ url: '/api/setup/status' }) },
  'POST /api/setup': {
    access: 'public',
    request: () => ({
      url: '/api/setup',
      payload: {
        business: { name: 'Another shop', slug: 'another-shop', defaultLanguage: 'en' },
        admin: { name: 'Someone', email: 'someone@another.test', password: 'long enough pw' },
      },
    }),
    reached: { status: 409, code: 'setup.already_done' },
  },
  'POST /api/setup/demo': {
    access: 'public',
    request: () => ({ url: '/api/setup/demo' }),
    reached: { status: 409, code: 'setup.already_done' },
  },
  'POST /api/auth/sign-in': {
    access: 'public',
    request: (fx) => ({
      url: '/api/auth/sign-in',
      payload: { businessCode: fx.slug, email: `customer_assistant@${fx.slug}.test`, password },
    }),
  },
  'POST /api/auth/sign-out': {
    access: 'authenticated',
    request: () => ({ url: '/api/auth/sign-out' }),
    sessionOnly: true,
  },
  'GET /api/auth/session': {
    access: 'authenticated',
    request: () => ({ url: '/api/auth/session' }),
    sessionOnly: true,
  },
  'PUT /api/auth/session/store': {
    access: 'authenticated',
    request: (fx) => ({ url: '/api/auth/session/store', payload: { storeId: fx.storeIds[1] } }),
    sessionOnly: true,
  },
  'GET /api/settings': { access: 'authenticated', request: () => ({ url: '/api/settings' }) },
  'PUT /api/settings': {
    access: 'settings.maintain',
    request: async (fx) => {
      const current = fieldsOf(TenantSettingsUpdate, await fx.read('/api/settings'));
      return { url: '/api/settings', payload: { ...current, name: `Shop ${fx.next()}` } };
    },
  },
  'GET /api/stores': { access: 'authenticated', request: () => ({ url: '/api/stores' }) },
  'GET /api/stores/:id': {
    access: 'authenticated',
    request: (fx) => ({ url: `/api/stores/${fx.storeIds[0]}` }),
  },
  'POST /api/stores': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/stores',
      payload: { code: `S${fx.next()}`, name: 'New store' },
    }),
  },
  'PUT /api/stores/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const url = `/api/stores/${fx.storeIds[1]}`;
      const current = fieldsOf(StoreUpdate, await fx.read(url));
      return { url, payload: { ...current, name: `Store ${fx.next()}` } };
    },
  },
  'GET /api/permissions': {
    access: 'settings.maintain',
    request: () => ({ url: '/api/permissions' }),
  },
  'GET /api/roles': { access: 'settings.maintain', request: () => ({ url: '/api/roles' }) },
  'GET /api/roles/:id': {
    access: 'settings.maintain',
    request: (fx) => ({ url: `/api/roles/${fx.customRoleId}` }),
  },
  'POST /api/roles': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/roles',
      payload: { name: `Role ${fx.next()}`, permissions: ['members.browse'] },
    }),
  },
  'PUT /api/roles/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const url = `/api/roles/${fx.customRoleId}`;
      const { version } = await fx.read(url);
      return { url, payload: { name: `Role ${fx.next()}`, permissions: ['audit.view'], version } };
    },
  },
  'DELETE /api/roles/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const role = await fx.create('/api/roles', { name: `Doomed ${fx.next()}`, permissions: [] });
      return { url: `/api/roles/${role.roleId}` };
    },
  },
  'GET /api/staff': { access: 'settings.maintain', request: () => ({ url: '/api/staff' }) },
  'GET /api/staff/directory': {
    access: 'members.browse',
    request: () => ({ url: '/api/staff/directory' }),
  },
  'GET /api/staff/:id': {
    access: 'settings.maintain',
    request: (fx) => ({ url: `/api/staff/${fx.targetStaffId}` }),
  },
  'POST /api/staff': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/staff',
      payload: {
        name: 'New colleague',
        email: `new${fx.next()}@${fx.slug}.test`,
        roleId: fx.roleIds.customer_assistant,
        password,
      },
    }),
  },
  'PUT /api/staff/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const url = `/api/staff/${fx.targetStaffId}`;
      const s = await fx.read(url);
      return {
        url,
        payload: {
          name: `Colleague ${fx.next()}`,
          email: s.email,
          roleId: s.roleId,
          storeIds: s.storeIds,
          phoneExtension: s.phoneExtension,
          language: s.language,
          active: true,
          version: s.version,
        },
      };
    },
  },
  'GET /api/api-keys': { access: 'settings.maintain', request: () => ({ url: '/api/api-keys' }) },
  'POST /api/api-keys': {
    access: 'settings.maintain',
    request: (fx) => ({
      url: '/api/api-keys',
      payload: { name: `Till ${fx.next()}`, permissions: ['members.browse'] },
    }),
  },
  'DELETE /api/api-keys/:id': {
    access: 'settings.maintain',
    request: async (fx) => {
      const made = await fx.create('/api/api-keys', {
        name: `Old till ${fx.next()}`,
        permissions: ['members.browse'],
      });
      return { url: `/api/api-keys/${made.apiKey.apiKeyId}` };
    },
  },
  'GET /api/demo/progress': {
    access: 'authenticated',
    request: () => ({ url: '/api/demo/progress' }),
  },
  'GET /api/audit-log': {
    access: 'audit.view',
    request: () => ({ url: '/api/audit-log?limit=5' }),
  },
};
