import { IMPORTS_ROUTES } from './imports';
import { LOYALTY_ROUTES } from './loyalty';
import { MEMBERS_ROUTES } from './members';
import { MESSAGING_ROUTES } from './messaging';
import { PLATFORM_ROUTES } from './platform';
import { REWARDS_ROUTES } from './rewards';
import { SMS_ROUTES } from './sms';
import { WEBHOOKS_ROUTES } from './webhooks';
import type { Rules } from './rules';

export * from './rules';

/**
 * Every /api route, who may call it, and a request to call it with: one table per module, joined
 * here. The matrix fails when the app registers a route that is not in a table, or declares
 * another access than the table says. A module adds its file and one line below.
 */
const TABLES: Rules[] = [
  PLATFORM_ROUTES,
  MEMBERS_ROUTES,
  IMPORTS_ROUTES,
  SMS_ROUTES,
  LOYALTY_ROUTES,
  MESSAGING_ROUTES,
  REWARDS_ROUTES,
  WEBHOOKS_ROUTES,
];

export const ROUTES: Rules = {};
for (const table of TABLES) {
  for (const [route, rule] of Object.entries(table)) {
    if (route in ROUTES) throw new Error(`${route} is in two role-matrix tables`);
    ROUTES[route] = rule;
  }
}
