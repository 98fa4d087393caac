import type { AppContext } from '../http/context';
import type { Api } from '../http/routes';
import { registerDemoRoutes, setupDemo } from './demo';
import { registerImportsRoutes, setupImports } from './imports';
import { registerLoyaltyRoutes, setupLoyalty } from './loyalty';
import { registerMembersRoutes } from './members';
import { registerMessagingRoutes, setupMessaging } from './messaging';
import { registerSmsRoutes, setupSms } from './messaging/sms';
import { registerTenancyRoutes } from './tenancy';
import { registerWebhooksRoutes, setupWebhooks } from './webhooks';

/**
 * The modules, in their order of dependency. Each may define job queues and subscribe to
 * events (before the queue starts) and register its routes.
 */
const MODULES: { setup?: (ctx: AppContext) => void; routes: (api: Api) => void }[] = [
  { routes: registerTenancyRoutes },
  { routes: registerMembersRoutes },
  { setup: setupMessaging, routes: registerMessagingRoutes },
  { setup: setupImports, routes: registerImportsRoutes },
  { setup: setupLoyalty, routes: registerLoyaltyRoutes },
  { setup: setupSms, routes: registerSmsRoutes },
  { setup: setupDemo, routes: registerDemoRoutes },
  { setup: setupWebhooks, routes: registerWebhooksRoutes },
];

/** Queues and event subscribers of every module; call once, before the job queue starts. */
export function setupModules(ctx: AppContext): void {
  for (const m of MODULES) m.setup?.(ctx);
}

export function registerModuleRoutes(api: Api): void {
  for (const m of MODULES) m.routes(api);
}
