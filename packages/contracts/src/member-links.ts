import { z } from 'zod';
import { IsoDateTime, Uuid, Version } from './common';
import { Gender, Member } from './members';
import { AnniversaryKind, RelationKind } from './timeline';

// Caller ID (來電顯示), incoming calls, duplicates and merge, and the relationship graph
// (人脈關係圖): what links a phone number, another record or another person to a member.

const PhoneInput = z.string().trim().min(1).max(40);

export const CallerIdQuery = z.strictObject({
  /** Any format: 0912-345-678, +886 912 345 678, 138 0013 8000, full-width digits. */
  phone: PhoneInput,
});

/** What staff need on the screen while the phone rings. */
export const CallerCard = z.object({
  memberId: Uuid,
  cardNumber: z.string(),
  name: z.string(),
  /** How to greet the caller in the viewer's language: 王先生, 林小姐, Ms Lin. */
  addressAs: z.string(),
  gender: Gender,
  tags: z.array(z.string()),
  /** The number matched the member's mobile ('phone') or one of their other numbers. */
  matchedBy: z.enum(['phone', 'other_phone']),
  /** How many members hold this number (more than 1: duplicates worth merging). */
  matches: z.number().int(),
  stats: z.object({
    purchaseCount: z.number().int(),
    totalSpentMinor: z.number().int(),
    firstPurchaseAt: IsoDateTime.nullable(),
    lastPurchaseAt: IsoDateTime.nullable(),
  }),
  lastPurchase: z
    .object({
      purchaseId: Uuid,
      occurredAt: IsoDateTime,
      totalMinor: z.number().int(),
      storeId: Uuid.nullable(),
      storeName: z.string().nullable(),
    })
    .nullable(),
  /** Up to 5, soonest due first (undated last). */
  openTasks: z.array(
    z.object({
      taskId: Uuid,
      title: z.string(),
      dueAt: IsoDateTime.nullable(),
      assigneeName: z.string().nullable(),
    }),
  ),
  /** Up to 3, newest first. */
  lastNotes: z.array(
    z.object({
      noteId: Uuid,
      body: z.string(),
      authorName: z.string().nullable(),
      createdAt: IsoDateTime,
    }),
  ),
  /** Birthday and anniversaries in the next 30 days (the business's calendar), soonest first. */
  upcoming: z.array(
    z.object({
      kind: z.union([z.literal('birthday'), AnniversaryKind]),
      label: z.string(),
      date: z.iso.date(),
      nextOn: z.iso.date(),
      daysAway: z.number().int(),
    }),
  ),
});
export type CallerCard = z.infer<typeof CallerCard>;

export const CallerIdResult = z.object({
  /** The number as read (E.164), masked (0912-***-678) unless the viewer may see contacts. */
  phone: z.string(),
  /** null: nobody of this business has the number (a call from a stranger is normal). */
  member: CallerCard.nullable(),
});
export type CallerIdResult = z.infer<typeof CallerIdResult>;

/** A phone system reports an incoming call. */
export const CallReport = z.strictObject({
  /** As the phone system sends it; numbers it cannot read (withheld, short codes) are kept as is. */
  callerNumber: z.string().trim().min(1).max(40),
  /** The extension that rings: staff whose profile has this extension see the card. */
  extension: z.string().trim().min(1).max(20),
});
export const CallReported = z.object({
  callId: Uuid,
  receivedAt: IsoDateTime,
  /** Whether the number belongs to a member (the card is not sent to the phone system). */
  matched: z.boolean(),
});

export const Call = z.object({
  callId: Uuid,
  receivedAt: IsoDateTime,
  extension: z.string(),
  /** E.164 (or the digits as received), masked unless the viewer may see contacts. */
  callerNumber: z.string(),
  memberId: Uuid.nullable(),
  memberName: z.string().nullable(),
  addressAs: z.string().nullable(),
});
export const CallsQuery = z.strictObject({
  /** Only calls to the caller's own extension. */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * The `data` of a `call` event on GET /api/calls/stream (server-sent events): the call and the
 * card, read for the signed-in viewer (their language, their right to see contact details).
 */
export const IncomingCall = Call.extend({ card: CallerCard.nullable() });
export type IncomingCall = z.infer<typeof IncomingCall>;

export const DuplicateReason = z.enum(['phone', 'email', 'name_birthday']);
export const DuplicatesQuery = z.strictObject({
  reason: DuplicateReason.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const DuplicateGroup = z.object({
  reason: DuplicateReason,
  /** What they share: a phone or email (masked unless the viewer may see contacts), or name + birthday. */
  shared: z.string(),
  members: z.array(
    z.object({
      memberId: Uuid,
      cardNumber: z.string(),
      name: z.string(),
      birthday: z.iso.date().nullable(),
      purchaseCount: z.number().int(),
      version: z.number().int(),
      createdAt: IsoDateTime,
    }),
  ),
});

/**
 * Merge `duplicateId` into the member of the URL. The URL's member survives (id, card number,
 * contact details); the duplicate's purchases, notes, tasks, anniversaries, relations, calls
 * and consent history move over, empty fields are filled from it, and it is retired (status
 * 'merged'). Both versions are those the person deciding saw: a change since then gives 409.
 */
export const MergeRequest = z.strictObject({
  duplicateId: Uuid,
  version: Version,
  duplicateVersion: Version,
});
export const MergeResult = z.object({
  member: Member,
  merged: z.object({ memberId: Uuid, cardNumber: z.string() }),
  moved: z.record(z.string(), z.number().int()),
  /** Relations that would have linked the member to themselves or repeated one they had. */
  dropped: z.record(z.string(), z.number().int()),
});

export const GraphQuery = z.strictObject({
  depth: z.coerce.number().int().min(1).max(3).default(2),
});
export const GraphNode = z.object({
  /** A member id, or `contact:<relationId>` for a relative or friend who is not a member. */
  id: z.string(),
  type: z.enum(['member', 'contact']),
  name: z.string(),
  cardNumber: z.string().nullable(),
  /** Steps from the member the graph is about (0 for that member). */
  depth: z.number().int(),
});
export const GraphEdge = z.object({
  relationId: Uuid,
  /** The member who recorded the relation… */
  source: z.string(),
  /** …and the one it points to: for `introduced_by`, the target introduced the source. */
  target: z.string(),
  kind: RelationKind,
});
export const MemberGraph = z.object({
  center: Uuid,
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  /** The graph was cut at 200 nodes. */
  truncated: z.boolean(),
});

export const InfluenceQuery = z.strictObject({
  /** `introduced`: people brought in, directly and through them; `centrality`: PageRank. */
  by: z.enum(['introduced', 'centrality']).default('introduced'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const Influencer = z.object({
  memberId: Uuid,
  cardNumber: z.string(),
  name: z.string(),
  /** People brought in per level: [directly, by those, by theirs, …] (up to 5 levels). */
  introducedByLevel: z.array(z.number().int()),
  introducedTotal: z.number().int(),
  /** Members related in any way. */
  relations: z.number().int(),
  /** PageRank over all relations (introductions point to the introducer); sums to 1. */
  centrality: z.number(),
});
