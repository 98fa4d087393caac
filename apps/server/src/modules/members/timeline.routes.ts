import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Anniversary,
  AnniversaryCreate,
  IdParams,
  Note,
  NoteCreate,
  NoteUpdate,
  Ok,
  Page,
  Purchase,
  PurchaseCreate,
  Relation,
  RelationCreate,
  Task,
  TaskCreate,
  TaskQuery,
  TaskUpdate,
  TimelineQuery,
} from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import {
  addNote,
  ATTACHMENT_LIMIT_BYTES,
  attachToNote,
  deleteNote,
  listNotes,
  readAttachment,
  updateNote,
} from './notes.service';
import { memberPurchases, readPurchase, recordPurchase } from './purchases.service';
import {
  addAnniversary,
  addRelation,
  deleteAnniversary,
  deleteRelation,
  listAnniversaries,
  listRelations,
} from './relations.service';
import { createTask, listTasks, updateTask } from './tasks.service';
import { memberTimeline } from './timeline.service';
import { timelineEntrySchema } from './timeline-sources';
import { notFound } from '../../http/errors';

const BROWSE = { access: 'members.browse' } as const;
const MODIFY = { access: 'members.modify' } as const;
const ok = { ok: true as const };

/** Purchases, notes, tasks, anniversaries, relations and the timeline that joins them. */
export function registerTimelineRoutes(api: Api): void {
  const ctx = api.ctx;
  const tags = ['Member timeline'];

  api.post(
    '/purchases',
    {
      config: MODIFY,
      schema: {
        tags: ['Purchases'],
        summary: 'Record a purchase (the same externalId records it once)',
        body: PurchaseCreate,
        response: { 200: Purchase },
      },
    },
    async (req, reply) => {
      const { purchase, created } = await recordPurchase(ctx, authOf(req), req.body);
      if (!created) reply.header('idempotent-replayed', 'true');
      return purchase;
    },
  );
  api.get(
    '/purchases/:id',
    {
      config: BROWSE,
      schema: { tags: ['Purchases'], params: IdParams, response: { 200: Purchase } },
    },
    async (req) => {
      const auth = authOf(req);
      const p = await ctx.db.withTenant(auth.tenantId, (tx) => readPurchase(tx, req.params.id));
      if (!p) throw notFound('purchase');
      return p;
    },
  );
  api.get(
    '/members/:id/purchases',
    {
      config: BROWSE,
      schema: { tags: ['Purchases'], params: IdParams, response: { 200: z.array(Purchase) } },
    },
    async (req) => memberPurchases(ctx, authOf(req), req.params.id, 100),
  );

  api.get(
    '/members/:id/timeline',
    {
      config: BROWSE,
      schema: {
        tags,
        summary: 'A member’s story, newest first: one entry per note, task, purchase, …',
        description:
          'Each entry has `kind`, `id`, `at` and the fields of its kind. Kinds come from every ' +
          'module that registers a timeline source; ignore kinds you do not know.',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: Page(timelineEntrySchema()) },
      },
    },
    async (req) => memberTimeline(ctx, authOf(req), req.params.id, req.query),
  );

  api.get(
    '/members/:id/notes',
    { config: BROWSE, schema: { tags, params: IdParams, response: { 200: z.array(Note) } } },
    async (req) => listNotes(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/members/:id/notes',
    {
      config: MODIFY,
      schema: { tags, params: IdParams, body: NoteCreate, response: { 200: Note } },
    },
    async (req) => addNote(ctx, authOf(req), req.params.id, req.body.body),
  );
  api.patch(
    '/notes/:id',
    {
      config: MODIFY,
      schema: {
        tags,
        summary: 'Edit a note (your own, or any with "edit others\' notes")',
        params: IdParams,
        body: NoteUpdate,
        response: { 200: Note },
      },
    },
    async (req) => updateNote(ctx, authOf(req), req.params.id, req.body),
  );
  api.delete(
    '/notes/:id',
    { config: MODIFY, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteNote(ctx, authOf(req), req.params.id);
      return ok;
    },
  );
  api.register(async (upload) => {
    upload.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMIT_BYTES },
      (_req, body, done) => done(null, body),
    );
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/notes/:id/attachments',
      {
        config: MODIFY,
        bodyLimit: ATTACHMENT_LIMIT_BYTES,
        schema: {
          tags,
          summary:
            'Attach a file (PNG, JPEG, GIF, PDF or UTF-8 text, at most 5 MB) as the raw request body',
          params: IdParams,
          querystring: z.strictObject({ filename: z.string().trim().min(1).max(200) }),
          response: { 200: Note },
        },
      },
      async (req) =>
        attachToNote(ctx, authOf(req), req.params.id, req.query.filename, req.body as Buffer),
    );
  });
  api.get(
    '/attachments/:id',
    { config: BROWSE, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const file = await readAttachment(ctx, authOf(req), req.params.id);
      const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      reply.header('content-type', file.content_type);
      reply.header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      );
      return reply.send(file.data);
    },
  );

  api.get(
    '/tasks',
    {
      config: BROWSE,
      schema: {
        tags: ['Tasks'],
        summary: 'Tasks; mine=true for "my tasks"',
        querystring: TaskQuery,
        response: { 200: z.array(Task) },
      },
    },
    async (req) => listTasks(ctx, authOf(req), req.query),
  );
  api.post(
    '/tasks',
    { config: MODIFY, schema: { tags: ['Tasks'], body: TaskCreate, response: { 200: Task } } },
    async (req) => createTask(ctx, authOf(req), req.body),
  );
  api.patch(
    '/tasks/:id',
    {
      config: MODIFY,
      schema: { tags: ['Tasks'], params: IdParams, body: TaskUpdate, response: { 200: Task } },
    },
    async (req) => updateTask(ctx, authOf(req), req.params.id, req.body),
  );

  api.get(
    '/members/:id/anniversaries',
    { config: BROWSE, schema: { tags, params: IdParams, response: { 200: z.array(Anniversary) } } },
    async (req) => listAnniversaries(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/members/:id/anniversaries',
    {
      config: MODIFY,
      schema: { tags, params: IdParams, body: AnniversaryCreate, response: { 200: Anniversary } },
    },
    async (req) => addAnniversary(ctx, authOf(req), req.params.id, req.body),
  );
  api.delete(
    '/anniversaries/:id',
    { config: MODIFY, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteAnniversary(ctx, authOf(req), req.params.id);
      return ok;
    },
  );

  api.get(
    '/members/:id/relations',
    { config: BROWSE, schema: { tags, params: IdParams, response: { 200: z.array(Relation) } } },
    async (req) => listRelations(ctx, authOf(req), req.params.id),
  );
  api.post(
    '/members/:id/relations',
    {
      config: MODIFY,
      schema: { tags, params: IdParams, body: RelationCreate, response: { 200: Relation } },
    },
    async (req) => addRelation(ctx, authOf(req), req.params.id, req.body),
  );
  api.delete(
    '/relations/:id',
    { config: MODIFY, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await deleteRelation(ctx, authOf(req), req.params.id);
      return ok;
    },
  );
}
