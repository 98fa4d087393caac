import { z } from 'zod';
import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  AuditEntry,
  AuditQuery,
  IdParams,
  Ok,
  Page,
  PERMISSION_LABELS,
  PERMISSIONS,
  Permission,
  Role,
  RoleCreate,
  RoleUpdate,
  Staff,
  StaffCreate,
  StaffUpdate,
  Store,
  StoreCreate,
  StoreUpdate,
  TenantSettings,
  TenantSettingsUpdate,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service';
import { listAudit } from './audit.service';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.service';
import { getSettings, updateSettings } from './settings.service';
import { createStaff, getStaff, listStaff, staffDirectory, updateStaff } from './staff.service';
import { createStore, getStore, listStores, updateStore } from './stores.service';

const MAINTAIN = { access: 'settings.maintain' } as const;

/** Settings, stores, roles, staff, API keys and the audit log: the administrator's rooms. */
export function registerAdminRoutes(api: Api): void {
  const ctx = api.ctx;

  api.get(
    '/settings',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['Settings'], response: { 200: TenantSettings } },
    },
    async (req) => getSettings(ctx, authOf(req)),
  );
  api.put(
    '/settings',
    {
      config: MAINTAIN,
      schema: { tags: ['Settings'], body: TenantSettingsUpdate, response: { 200: TenantSettings } },
    },
    async (req) => updateSettings(ctx, authOf(req), req.body),
  );

  const storeTags = ['Stores'];
  api.get(
    '/stores',
    {
      config: { access: 'authenticated' },
      schema: { tags: storeTags, response: { 200: z.array(Store) } },
    },
    async (req) => listStores(ctx, authOf(req)),
  );
  api.get(
    '/stores/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: storeTags, params: IdParams, response: { 200: Store } },
    },
    async (req) => getStore(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/stores',
    { config: MAINTAIN, schema: { tags: storeTags, body: StoreCreate, response: { 200: Store } } },
    async (req) => createStore(ctx, authOf(req), req.body),
  );
  api.put(
    '/stores/:id',
    {
      config: MAINTAIN,
      schema: { tags: storeTags, params: IdParams, body: StoreUpdate, response: { 200: Store } },
    },
    async (req) => updateStore(ctx, authOf(req), req.params.id, req.body),
  );

  const roleTags = ['Roles and permissions'];
  api.get(
    '/permissions',
    {
      config: MAINTAIN,
      schema: {
        tags: roleTags,
        response: {
          200: z.array(z.object({ key: Permission, label: z.record(z.string(), z.string()) })),
        },
      },
    },
    async () => PERMISSIONS.map((key) => ({ key, label: PERMISSION_LABELS[key] })),
  );
  api.get(
    '/roles',
    { config: MAINTAIN, schema: { tags: roleTags, response: { 200: z.array(Role) } } },
    async (req) => listRoles(ctx, authOf(req)),
  );
  api.get(
    '/roles/:id',
    { config: MAINTAIN, schema: { tags: roleTags, params: IdParams, response: { 200: Role } } },
    async (req) => getRole(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/roles',
    { config: MAINTAIN, schema: { tags: roleTags, body: RoleCreate, response: { 200: Role } } },
    async (req) => createRole(ctx, authOf(req), req.body),
  );
  api.put(
    '/roles/:id',
    {
      config: MAINTAIN,
      schema: { tags: roleTags, params: IdParams, body: RoleUpdate, response: { 200: Role } },
    },
    async (req) => updateRole(ctx, authOf(req), req.params.id, req.body),
  );
  api.delete(
    '/roles/:id',
    { config: MAINTAIN, schema: { tags: roleTags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteRole(ctx, authOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  const staffTags = ['Staff'];
  api.get(
    '/staff/directory',
    {
      config: { access: 'members.browse' },
      schema: {
        tags: staffTags,
        summary: 'Names of the active staff, for choosing who a task goes to',
        response: { 200: z.array(z.object({ staffId: z.uuid(), name: z.string() })) },
      },
    },
    async (req) => staffDirectory(ctx, authOf(req)),
  );
  api.get(
    '/staff',
    { config: MAINTAIN, schema: { tags: staffTags, response: { 200: z.array(Staff) } } },
    async (req) => listStaff(ctx, authOf(req)),
  );
  api.get(
    '/staff/:id',
    { config: MAINTAIN, schema: { tags: staffTags, params: IdParams, response: { 200: Staff } } },
    async (req) => getStaff(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/staff',
    { config: MAINTAIN, schema: { tags: staffTags, body: StaffCreate, response: { 200: Staff } } },
    async (req) => createStaff(ctx, authOf(req), req.body),
  );
  api.put(
    '/staff/:id',
    {
      config: MAINTAIN,
      schema: { tags: staffTags, params: IdParams, body: StaffUpdate, response: { 200: Staff } },
    },
    async (req) => updateStaff(ctx, authOf(req), req.params.id, req.body),
  );

  const keyTags = ['API keys'];
  api.get(
    '/api-keys',
    { config: MAINTAIN, schema: { tags: keyTags, response: { 200: z.array(ApiKey) } } },
    async (req) => listApiKeys(ctx, authOf(req)),
  );
  api.post(
    '/api-keys',
    {
      config: MAINTAIN,
      schema: { tags: keyTags, body: ApiKeyCreate, response: { 200: ApiKeyCreated } },
    },
    async (req) => createApiKey(ctx, authOf(req), req.body),
  );
  api.delete(
    '/api-keys/:id',
    { config: MAINTAIN, schema: { tags: keyTags, params: IdParams, response: { 200: ApiKey } } },
    async (req) => revokeApiKey(ctx, authOf(req), req.params.id),
  );

  api.get(
    '/audit-log',
    {
      config: { access: 'audit.view' },
      schema: { tags: ['Audit log'], querystring: AuditQuery, response: { 200: Page(AuditEntry) } },
    },
    async (req) => listAudit(ctx, authOf(req), req.query),
  );
}
