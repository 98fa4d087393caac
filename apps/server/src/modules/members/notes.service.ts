import { randomUUID } from 'node:crypto';
import type { Note } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { versionedResult } from '../../platform/versioned';
import { assertMember } from './member-rules';

export const ATTACHMENT_LIMIT_BYTES = 5 * 1024 * 1024;

/** What a file really is, from its first bytes — never from the name or the client's word. */
export function sniffType(data: Buffer): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (data.length && !data.includes(0) && Buffer.from(data.toString('utf8'), 'utf8').equals(data))
    return 'text/plain; charset=utf-8';
  return null;
}

const canEdit = (auth: AuthContext, authorId: string | null) =>
  authorId === auth.actor.id || auth.permissions.has('notes.edit_others');

async function readNotes(
  tx: Tx,
  auth: AuthContext,
  where: { memberId?: string; noteId?: string },
): Promise<Note[]> {
  let q = tx
    .selectFrom('notes as n')
    .leftJoin('staff as s', 's.staff_id', 'n.author_id')
    .select([
      'n.note_id',
      'n.member_id',
      'n.author_id',
      's.name as author_name',
      'n.body',
      'n.version',
      'n.created_at',
      'n.updated_at',
    ]);
  if (where.memberId) q = q.where('n.member_id', '=', where.memberId);
  if (where.noteId) q = q.where('n.note_id', '=', where.noteId);
  const notes = await q.orderBy('n.created_at', 'desc').limit(200).execute();
  const ids = notes.map((n) => n.note_id);
  const files = ids.length
    ? await tx
        .selectFrom('note_attachments')
        .select(['attachment_id', 'note_id', 'filename', 'content_type', 'size_bytes'])
        .where('note_id', 'in', ids)
        .orderBy('created_at')
        .execute()
    : [];
  return notes.map((n) => ({
    noteId: n.note_id,
    memberId: n.member_id,
    authorId: n.author_id,
    authorName: n.author_name,
    body: n.body,
    attachments: files
      .filter((f) => f.note_id === n.note_id)
      .map((f) => ({
        attachmentId: f.attachment_id,
        filename: f.filename,
        contentType: f.content_type,
        sizeBytes: f.size_bytes,
      })),
    editable: canEdit(auth, n.author_id),
    version: n.version,
    createdAt: n.created_at.toISOString(),
    updatedAt: n.updated_at.toISOString(),
  }));
}

export const listNotes = (ctx: AppContext, auth: AuthContext, memberId: string) =>
  ctx.db.withTenant(auth.tenantId, async (tx) => {
    await assertMember(tx, memberId);
    return readNotes(tx, auth, { memberId });
  });

export async function addNote(ctx: AppContext, auth: AuthContext, memberId: string, body: string) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const m = await tx
      .selectFrom('members')
      .select('member_id')
      .where('member_id', '=', memberId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!m) throw notFound('member');
    const noteId = randomUUID();
    const now = ctx.clock.now();
    await tx
      .insertInto('notes')
      .values({
        tenant_id: auth.tenantId,
        note_id: noteId,
        member_id: memberId,
        author_id: auth.actor.id,
        body,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await readNotes(tx, auth, { noteId }))[0]!;
  });
}

/** Only the author may change or delete a note, unless the role may edit others' notes. */
async function editableNote(tx: Tx, auth: AuthContext, noteId: string) {
  const note = await tx
    .selectFrom('notes')
    .selectAll()
    .where('note_id', '=', noteId)
    .executeTakeFirst();
  if (!note) throw notFound('note');
  if (!canEdit(auth, note.author_id))
    throw new AppError('permission.denied', { permission: 'notes.edit_others' });
  return note;
}

export async function updateNote(
  ctx: AppContext,
  auth: AuthContext,
  noteId: string,
  input: { body: string; version: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await editableNote(tx, auth, noteId);
    await versionedResult(
      await tx
        .updateTable('notes')
        .set((eb) => ({
          body: input.body,
          version: eb('version', '+', 1),
          updated_at: ctx.clock.now(),
        }))
        .where('note_id', '=', noteId)
        .where('version', '=', input.version)
        .returning('note_id')
        .executeTakeFirst(),
      async () => true,
      'note',
    );
    if (before.author_id !== auth.actor.id)
      await recordAudit(tx, auth.tenantId, auth.actor, {
        action: 'note.updated',
        entityType: 'note',
        entityId: noteId,
        before: { body: before.body },
        after: { body: input.body },
      });
    return (await readNotes(tx, auth, { noteId }))[0]!;
  });
}

export async function deleteNote(ctx: AppContext, auth: AuthContext, noteId: string) {
  await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await editableNote(tx, auth, noteId);
    await tx.deleteFrom('notes').where('note_id', '=', noteId).execute();
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'note.deleted',
      entityType: 'note',
      entityId: noteId,
      before: { memberId: before.member_id, authorId: before.author_id, body: before.body },
    });
  });
}

export async function attachToNote(
  ctx: AppContext,
  auth: AuthContext,
  noteId: string,
  filename: string,
  data: Buffer,
) {
  const contentType = sniffType(data);
  if (!contentType) throw new AppError('attachment.type_not_allowed');
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    await editableNote(tx, auth, noteId);
    await tx
      .insertInto('note_attachments')
      .values({
        tenant_id: auth.tenantId,
        attachment_id: randomUUID(),
        note_id: noteId,
        filename,
        content_type: contentType,
        size_bytes: data.length,
        data,
      })
      .execute();
    return (await readNotes(tx, auth, { noteId }))[0]!;
  });
}

export async function readAttachment(ctx: AppContext, auth: AuthContext, attachmentId: string) {
  const row = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('note_attachments')
      .select(['filename', 'content_type', 'data'])
      .where('attachment_id', '=', attachmentId)
      .executeTakeFirst(),
  );
  if (!row) throw notFound('attachment');
  return row;
}
