import { z } from 'zod';
import { IdParams, MemberExportQuery } from '@regulars/contracts';
import { authOf } from '../../http/context';
import { languageOf } from '../../http/error-handler';
import type { Api } from '../../http/routes';
import { memberData } from './member-data';
import { exportMembers } from './member-export';

const tags = ['Members'];

export function registerExportRoutes(api: Api): void {
  const ctx = api.ctx;

  api.get(
    '/members/export',
    {
      config: { access: 'members.export' },
      schema: {
        tags,
        summary:
          'Export members of a filter as .csv or .xlsx (contacts masked without contacts.view)',
        querystring: MemberExportQuery,
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const stream = await exportMembers(ctx, authOf(req), filter, format, languageOf(req));
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header(
          'content-type',
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="members-${day}.${format}"`)
        .send(stream);
    },
  );

  api.get(
    '/members/:id/data',
    {
      config: { access: 'members.export' },
      schema: {
        tags,
        summary:
          'Everything stored about one member, for their data request (also needs contacts.view; audited)',
        params: IdParams,
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (req) => memberData(ctx, authOf(req), req.params.id),
  );
}
