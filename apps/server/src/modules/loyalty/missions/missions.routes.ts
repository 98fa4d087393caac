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
  api.get(
    '/missions',
    { config: READ, schema: { tags, response: { 200: z.array(Mission) } } },
    async (req) => listMissions(ctx, authOf(req)),
  );
  api.post(
    '/missions',
    { config: CONFIGURE, schema: { tags, body: MissionCreate, response: { 200: Mission } } },
    async (req) => saveMission(ctx, authOf(req), null, req.body),
  );
  api.put(
    '/missions/:id',
    {
      config: CONFIGURE,
      schema: { tags, params: IdParams, body: MissionUpdate, response: { 200: Mission } },
    },
    async (req) => saveMission(ctx, authOf(req), req.params.id, req.body),
  );
  api.get(
    '/members/:id/missions',
    { config: READ, schema: { tags, params: IdParams, response: { 200: MemberMissions } } },
    async (req) => memberMissions(ctx, authOf(req), req.params.id),
  );
  api.get(
    '/games',
    { config: READ, schema: { tags, response: { 200: z.array(Game) } } },
    async (req) => listGames(ctx, authOf(req)),
  );
  api.post(
    '/games',
    { config: CONFIGURE, schema: { tags, body: GameCreate, response: { 200: Game } } },
    async (req) => saveGame(ctx, authOf(req), null, req.body),
  );
  api.put(
    '/games/:id',
    {
      config: CONFIGURE,
      schema: { tags, params: IdParams, body: GameUpdate, response: { 200: Game } },
    },
    async (req) => saveGame(ctx, authOf(req), req.params.id, req.body),
  );
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
