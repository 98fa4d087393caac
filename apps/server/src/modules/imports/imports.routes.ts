import { createHash } from 'node:crypto';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IdParams,
  ImportReject,
  ImportStart,
  ImportUploadQuery,
  ImportView,
  TemplateQuery,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import { languageOf } from '../../http/error-handler';
import type { Api } from '../../http/routes';
import { AppError } from '../../http/errors';
import { getImport, listImports, startImport, uploadImport } from './imports.service';
import { listRejects, rejectsCsv } from './rejects';
import { templateFile, templateHeaders } from './template';

const tags = ['Imports'];
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/**
 * An uploaded file as the request body. Its bytes are private: the request checks that walk the
 * body (NUL characters) and the idempotency hash see only its size and digest.
 */
class UploadedFile {
  readonly #bytes: Buffer;
  readonly size: number;
  readonly sha256: string;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
    this.size = bytes.length;
    this.sha256 = createHash('sha256').update(bytes).digest('hex');
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
  toJSON() {
    return { size: this.size, sha256: this.sha256 };
  }
}

const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerImportRoutes(api: Api): void {
  const ctx = api.ctx;

  // The upload takes the file's bytes as they are (any content type), up to 50 MiB.
  void api.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
      (_req, body, done) => done(null, new UploadedFile(body as Buffer)),
    );
    scope.post(
      '/imports',
      {
        bodyLimit: UPLOAD_LIMIT_BYTES,
        config: { access: 'members.import' },
        schema: {
          tags,
          summary:
            'Upload a file of members (.xlsx, .csv, .vcf), products or purchases (.xlsx, .csv) as the raw body; get a suggested mapping',
          querystring: ImportUploadQuery,
          response: { 200: ImportView },
        },
      },
      async (req) => {
        const file = req.body as unknown;
        if (!(file instanceof UploadedFile))
          throw new AppError('import.empty_file', { name: req.query.fileName });
        return uploadImport(ctx, authOf(req), req.query.fileName, file.bytes, req.query.kind);
      },
    );
  });

  api.get(
    '/imports',
    {
      config: { access: 'members.import' },
      schema: {
        tags,
        summary: 'Recent imports',
        response: { 200: z.object({ items: z.array(ImportView) }) },
      },
    },
    async (req) => ({ items: await listImports(ctx, authOf(req)) }),
  );

  api.get(
    '/imports/template',
    {
      config: { access: 'members.import' },
      schema: {
        tags,
        summary: "The business's import template for members, products or purchases",
        querystring: TemplateQuery,
      },
    },
    async (req, reply) => {
      const { kind, format } = req.query;
      const file = await templateFile(
        await templateHeaders(ctx, authOf(req), languageOf(req), kind),
        format,
        kind,
      );
      const xlsx = format === 'xlsx';
      return reply
        .header(
          'content-type',
          xlsx
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', attachment(`${kind}-template.${format}`))
        .send(file);
    },
  );

  api.get(
    '/imports/:id',
    {
      config: { access: 'members.import' },
      schema: {
        tags,
        summary: 'An import: status, progress and counts (poll it)',
        params: IdParams,
        response: { 200: ImportView },
      },
    },
    async (req) => getImport(ctx, authOf(req), req.params.id),
  );

  api.post(
    '/imports/:id/start',
    {
      config: { access: 'members.import' },
      schema: {
        tags,
        summary: 'Confirm the mapping and options; run (or dry-run) the import as a job',
        params: IdParams,
        body: ImportStart,
        response: { 200: ImportView },
      },
    },
    async (req) => startImport(ctx, authOf(req), req.params.id, req.body),
  );

  api.get(
    '/imports/:id/rejects',
    {
      config: { access: 'members.import' },
      schema: {
        tags,
        summary: 'Rejected rows: row, column, value and reason',
        params: IdParams,
        querystring: z.strictObject({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
        response: { 200: z.object({ items: z.array(ImportReject) }) },
      },
    },
    async (req) => ({
      items: await listRejects(ctx, authOf(req), req.params.id, languageOf(req), req.query),
    }),
  );

  api.get(
    '/imports/:id/rejects.csv',
    {
      config: { access: 'members.import' },
      schema: { tags, summary: 'Rejected rows as a CSV file', params: IdParams },
    },
    async (req, reply) => {
      const csv = await rejectsCsv(ctx, authOf(req), req.params.id, languageOf(req));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`rejected-rows-${req.params.id.slice(0, 8)}.csv`))
        .send(csv);
    },
  );
}
