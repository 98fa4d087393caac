import type { Api } from '../../http/routes';
import { registerAdminRoutes } from './admin.routes';
import { registerAuthRoutes } from './auth.routes';

export { resolveApiKey } from './api-keys.service';
export { createDemoTenant, DEMO_BUSINESS_CODE, DEMO_PASSWORD } from './demo';
export { hashPassword } from './secrets';
export { resolveSession } from './sessions.service';
export { createTenant, type CreatedTenant, type NewTenant } from './tenant-setup';

/** Tenancy: tenants and settings, stores, staff, roles, API keys, sign-in and the audit log. */
export function registerTenancyRoutes(api: Api): void {
  registerAuthRoutes(api);
  registerAdminRoutes(api);
}
