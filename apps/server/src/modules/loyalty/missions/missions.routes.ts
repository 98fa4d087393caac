import { z } from 'zod';
import {
  Badge,
  BadgeCreate,
  Game,
  GameCreate,
  GameDraw,
  GameDrawRequest,
  GameUpdate,
  IdParams,
  MISSION_EVENTS,
  MemberMissions,
  Mission,
  MissionCreate,
  MissionUpdate,
} from '@regulars/contracts';
import type { AppContext } from '../../../http/context';
import { authOf } from '../../../http/context';
import { collectionRoutes } from '../../../http/collection-routes';
import type { Api } from '../../../http/routes';
import { listDraws, playGame } from './game-draw';
import { listGames, saveGame } from './games.service';
import { countTowardMissions } from './mission-progress';
import {
  createBadge,
  listBadges,
  listMissions,
  memberMissions,
  saveMission,
} from './missions.service';

const tags = ['Missions and games'];
const READ = { access: 'members.browse' } as const;
const CONFIGURE = { access: 'loyalty.configure' } as const;
const TILL = { access: 'pos.transact' } as const;

/** Missions count the events they name as they are delivered. */
export function setupMissions(ctx: AppContext): void {
  ctx.events.subscribe({
    name: 'loyalty.missions',
    types: [...MISSION_EVENTS],
    handle: (tx, event) => countTowardMissions(ctx, tx, event),
  });
}

/** Missions and badges (任務), instant-win games and their draws. */
export function registerMissionRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/badges',
    { config: READ, schema: { tags, response: { 200: z.array(Badge) } } },
    async (req) => listBadges(ctx, authOf(req)),
  );
  api.post(
    '/badges',
    { config: CONFIGURE, schema: { tags, body: BadgeCreate, response: { 200: Badge } } },
    async (req) => createBadge(ctx, authOf(req), req.body),
  );
  collectionRoutes(api, '/missions', {
    tags,
    read: READ.access,
    write: CONFIGURE.access,
    item: Mission,
    create: MissionCreate,
    update: MissionUpdate,
    list: (auth) => listMissions(ctx, auth),
    add: (auth, body) => saveMission(ctx, auth, null, body),
    change: (auth, id, body) => saveMission(ctx, auth, id, body),
  });
  api.get(
    '/members/:id/missions',
    { config: READ, schema: { tags, params: IdParams, response: { 200: MemberMissions } } },
    async (req) => memberMissions(ctx, authOf(req), req.params.id),
  );
  collectionRoutes(api, '/games', {
    tags,
    read: READ.access,
    write: CONFIGURE.access,
    item: Game,
    create: GameCreate,
    update: GameUpdate,
    list: (auth) => listGames(ctx, auth),
    add: (auth, body) => saveGame(ctx, auth, null, body),
    change: (auth, id, body) => saveGame(ctx, auth, id, body),
  });
  api.post(
    '/games/:id/draw',
    {
      config: TILL,
      schema: { tags, params: IdParams, body: GameDrawRequest, response: { 200: GameDraw } },
    },
    async (req) => playGame(ctx, authOf(req), req.params.id, req.body.memberId),
  );
  api.get(
    '/games/:id/draws',
    {
      config: CONFIGURE,
      schema: {
        tags,
        params: IdParams,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(GameDraw) },
      },
    },
    async (req) => listDraws(ctx, authOf(req), req.params.id, req.query.limit),
  );
}
