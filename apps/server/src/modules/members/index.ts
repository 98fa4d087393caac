import type { Api } from '../../http/routes';
import { registerCustomFieldRoutes } from './custom-fields.routes';
import { registerMemberRoutes } from './members.routes';

/** Members: profiles, contact details with their sources, consent, custom fields, tags, search. */
export function registerMembersRoutes(api: Api): void {
  registerMemberRoutes(api);
  registerCustomFieldRoutes(api);
}
