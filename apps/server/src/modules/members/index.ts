import type { Api } from '../../http/routes';
import { registerCallerIdRoutes } from './caller-id.routes';
import { registerCatalogRoutes } from './catalog.routes';
import { registerCustomFieldRoutes } from './custom-fields.routes';
import { registerGraphRoutes } from './graph.routes';
import { registerMemberRoutes } from './members.routes';
import { registerMergeRoutes } from './merge.routes';
import { registerTimelineRoutes } from './timeline.routes';

/**
 * Members: profiles, contact details with their sources, consent, custom fields, tags, search;
 * the product catalog and purchases; the timeline of notes, tasks, anniversaries and relations.
 */
export function registerMembersRoutes(api: Api): void {
  registerMemberRoutes(api);
  registerCustomFieldRoutes(api);
  registerCatalogRoutes(api);
  registerTimelineRoutes(api);
  registerCallerIdRoutes(api);
  registerMergeRoutes(api);
  registerGraphRoutes(api);
}

// What other modules (imports, exports) build on.
export { MEMBER_COLUMNS, toMember, type MemberRow } from './member-view';
export { searchMembers } from './members.search';
export { searchColumns } from './normalize';
// The till records a purchase and earns its points in one transaction (loyalty).
export { recordPurchase, recordPurchaseIn, recordReturnedSpend } from './purchases.service';
export { memberNames, membersWithBirthday, spentBetween } from './loyalty-facts';
export { createProduct, listCategories, saveCategory, updateProduct } from './catalog.service';
export { type PurchaseInput } from './purchases.service';
export { recordPurchases } from './purchases-bulk.service';
// Consent decisions from elsewhere (an unsubscribe link, an SMS keyword), in the caller's transaction.
export { recordConsent, type ConsentDecision } from './consent.service';
// Modules that add to the member timeline (messages, points): see docs/architecture.md, "Timeline".
export { isoUtc, registerTimelineSource, type TimelineSource } from './timeline-sources';
