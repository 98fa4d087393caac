import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';
import { Channel, MemberSource } from './members';

export const Attachment = z.object({
  attachmentId: Uuid,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});
export const Note = z.object({
  noteId: Uuid,
  memberId: Uuid,
  authorId: Uuid.nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  attachments: z.array(Attachment),
  /** Whether the caller may edit or delete it (own note, or "edit others' notes"). */
  editable: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Note = z.infer<typeof Note>;
export const NoteCreate = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
export const NoteUpdate = NoteCreate.extend({ version: Version });

export const TaskStatus = z.enum(['open', 'done', 'cancelled']);
export const Task = z.object({
  taskId: Uuid,
  memberId: Uuid.nullable(),
  memberName: z.string().nullable(),
  title: z.string(),
  details: z.string(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  dueAt: IsoDateTime.nullable(),
  status: TaskStatus,
  completedAt: IsoDateTime.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTime,
});
export type Task = z.infer<typeof Task>;
export const TaskCreate = z.strictObject({
  memberId: Uuid.nullable().default(null),
  title: z.string().trim().min(1).max(200),
  details: z.string().trim().max(5000).default(''),
  /** Defaults to the staff member creating it. */
  assigneeId: Uuid.nullable().optional(),
  dueAt: IsoDateTime.nullable().default(null),
});
export const TaskUpdate = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  details: z.string().trim().max(5000).optional(),
  assigneeId: Uuid.nullable().optional(),
  dueAt: IsoDateTime.nullable().optional(),
  status: TaskStatus.optional(),
  version: Version,
});
export const TaskQuery = z.strictObject({
  /** Only tasks assigned to the caller ("my tasks"). */
  mine: z.enum(['true', 'false']).optional(),
  status: TaskStatus.optional(),
  memberId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const AnniversaryKind = z.enum([
  'wedding',
  'first_visit',
  'membership',
  'child_birthday',
  'partner_birthday',
  'other',
]);
export const Anniversary = z.object({
  anniversaryId: Uuid,
  kind: AnniversaryKind,
  label: z.string(),
  date: z.iso.date(),
});
export const AnniversaryCreate = z.strictObject({
  kind: AnniversaryKind,
  label: z.string().trim().max(80).default(''),
  date: z.iso
    .date()
    .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'expected a date between 1900 and 2100'),
});

export const RelationKind = z.enum([
  'spouse',
  'parent',
  'child',
  'sibling',
  'friend',
  'colleague',
  'introduced_by',
  'other',
]);
export const Relation = z.object({
  relationId: Uuid,
  kind: RelationKind,
  relatedMemberId: Uuid.nullable(),
  relatedMemberName: z.string().nullable(),
  contactName: z.string().nullable(),
  note: z.string(),
});
export const RelationCreate = z.union([
  z.strictObject({
    kind: RelationKind,
    relatedMemberId: Uuid,
    note: z.string().trim().max(300).default(''),
  }),
  z.strictObject({
    kind: RelationKind,
    contactName: z.string().trim().min(1).max(100),
    contactPhone: z.string().trim().max(40).nullable().default(null),
    note: z.string().trim().max(300).default(''),
  }),
]);

/**
 * What every timeline entry has: a `kind` naming its source, the source's own `id`, and `at`.
 * Each kind adds its own fields; the response is a union discriminated by `kind`. Modules after
 * members add their kinds (messaging: `message`, loyalty: `points`) with `timelineEntry` in their
 * own contracts and register the source on the server (see docs/architecture.md, "Timeline").
 */
export const TimelineEntryBase = z.object({ id: z.string(), at: IsoDateTime });

/**
 * The schema of one kind of timeline entry. `kind`, `id` and `at` are the timeline's own: name
 * a kind's fields otherwise (`replyKind`, not `kind`).
 */
export function timelineEntry<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return TimelineEntryBase.extend({ kind: z.literal(kind), ...shape });
}

export const NoteEntry = timelineEntry('note', {
  /** The first 500 characters. */
  body: z.string(),
  authorName: z.string().nullable(),
  attachmentCount: z.number().int(),
});
export const TaskEntry = timelineEntry('task', {
  title: z.string(),
  status: TaskStatus,
  dueAt: IsoDateTime.nullable(),
  assigneeName: z.string().nullable(),
});
export const PurchaseEntry = timelineEntry('purchase', {
  totalMinor: z.number().int(),
  storeName: z.string().nullable(),
  channel: z.string(),
  /** Names of the first lines (up to 5) and how many lines there are. */
  items: z.array(z.string()),
  lineCount: z.number().int(),
});
export const AnniversaryEntry = timelineEntry('anniversary', {
  anniversaryKind: AnniversaryKind,
  label: z.string(),
  date: z.iso.date(),
});
export const RelationEntry = timelineEntry('relation', {
  relationKind: RelationKind,
  relatedMemberId: Uuid.nullable(),
  /** The related member's name, or the name of a relative or friend who is not a member. */
  name: z.string(),
  isMember: z.boolean(),
});
export const CallEntry = timelineEntry('call', { extension: z.string() });
export const ConsentEntry = timelineEntry('consent', {
  channel: Channel,
  granted: z.boolean(),
  source: MemberSource,
});
export const JoinedEntry = timelineEntry('joined', { source: MemberSource });

/** The kinds the members module writes (in the order they are registered). */
export const MEMBER_TIMELINE_ENTRIES = [
  NoteEntry,
  TaskEntry,
  PurchaseEntry,
  AnniversaryEntry,
  RelationEntry,
  CallEntry,
  ConsentEntry,
  JoinedEntry,
] as const;
/** An entry of a kind the members module writes. */
export const MemberTimelineEntry = z.discriminatedUnion('kind', MEMBER_TIMELINE_ENTRIES);
export type MemberTimelineEntry = z.infer<typeof MemberTimelineEntry>;
/** Any entry as the API sends it: one of the kinds above or one a later module registered. */
export type TimelineEntry = z.infer<typeof TimelineEntryBase> & { kind: string };

export const TimelineQuery = z.strictObject({
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
