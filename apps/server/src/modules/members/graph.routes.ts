import { z } from 'zod';
import { GraphQuery, IdParams, InfluenceQuery, Influencer, MemberGraph } from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import { memberGraph } from './graph.service';
import { influenceCenters } from './influence.service';

/** The relationship graph (人脈關係圖) and its influence centers. */
export function registerGraphRoutes(api: Api): void {
  const ctx = api.ctx;
  const tags = ['Relationship graph'];

  api.get(
    '/members/:id/graph',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'Members within depth steps through relations, with their relations (≤ 200 nodes)',
        params: IdParams,
        querystring: GraphQuery,
        response: { 200: MemberGraph },
      },
    },
    async (req) => memberGraph(ctx, authOf(req), req.params.id, req.query.depth),
  );

  api.get(
    '/members/influence',
    {
      config: { access: 'members.browse' },
      schema: {
        tags,
        summary: 'Influence centers: by people brought in (per level) or by centrality (PageRank)',
        description:
          'Computed once per business for a given set of relations and reused until a relation ' +
          'is added, removed or moved: Last-Modified says when it was computed, Age how many ' +
          'seconds ago.',
        querystring: InfluenceQuery,
        response: { 200: z.array(Influencer) },
      },
    },
    async (req, reply) => {
      const { items, computedAt } = await influenceCenters(ctx, authOf(req), req.query);
      const age = Math.max(0, Math.floor((+ctx.clock.now() - +computedAt) / 1000));
      void reply.header('last-modified', computedAt.toUTCString()).header('age', String(age));
      return items;
    },
  );
}
