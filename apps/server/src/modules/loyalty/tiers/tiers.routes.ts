import { z } from 'zod';
import {
  IdParams,
  MemberTierStatus,
  Ok,
  Tier,
  TierCreate,
  TierHistoryItem,
  TierReevaluation,
  TierSettings,
  TierSettingsUpdate,
  TierUpdate,
} from '@regulars/contracts';
import { authOf } from '../../../http/context';
import { collectionRoutes } from '../../../http/collection-routes';
import type { Api } from '../../../http/routes';
import { runTierReevaluation } from './tier-reevaluation';
import { memberTierHistory, memberTierStatus } from './tier-status';
import {
  createTier,
  getTierSettings,
  listTiers,
  removeTier,
  saveTierSettings,
  updateTier,
} from './tiers.service';

const tags = ['Tiers'];
const READ = { access: 'members.browse' } as const;
const CONFIGURE = { access: 'loyalty.configure' } as const;

/** Tiers (等級): how members qualify, the levels and their privileges, a member's progress. */
export function registerTierRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/tier-settings',
    { config: READ, schema: { tags, response: { 200: TierSettings } } },
    async (req) => getTierSettings(ctx, authOf(req)),
  );
  api.put(
    '/tier-settings',
    {
      config: CONFIGURE,
      schema: { tags, body: TierSettingsUpdate, response: { 200: TierSettings } },
    },
    async (req) => saveTierSettings(ctx, authOf(req), req.body),
  );
  collectionRoutes(api, '/tiers', {
    tags,
    read: READ.access,
    write: CONFIGURE.access,
    item: Tier,
    create: TierCreate,
    update: TierUpdate,
    list: (auth) => listTiers(ctx, auth),
    add: (auth, body) => createTier(ctx, auth, body),
    change: (auth, id, body) => updateTier(ctx, auth, id, body),
  });
  api.delete(
    '/tiers/:id',
    { config: CONFIGURE, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => removeTier(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/tiers/reevaluate',
    { config: CONFIGURE, schema: { tags, response: { 200: TierReevaluation } } },
    async (req) => runTierReevaluation(ctx, authOf(req).tenantId),
  );
  api.get(
    '/members/:id/tier',
    { config: READ, schema: { tags, params: IdParams, response: { 200: MemberTierStatus } } },
    async (req) => memberTierStatus(ctx, authOf(req), req.params.id),
  );
  api.get(
    '/members/:id/tier-history',
    {
      config: READ,
      schema: { tags, params: IdParams, response: { 200: z.array(TierHistoryItem) } },
    },
    async (req) => memberTierHistory(ctx, authOf(req), req.params.id),
  );
}
