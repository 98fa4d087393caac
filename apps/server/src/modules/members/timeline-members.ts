import {
  AnniversaryEntry,
  CallEntry,
  ConsentEntry,
  JoinedEntry,
  NoteEntry,
  PurchaseEntry,
  RelationEntry,
  TaskEntry,
} from '@regulars/contracts';
import { sql } from '@regulars/db';
import { isoUtc, registerTimelineSource, type TimelineSource } from './timeline-sources';

/** What the members module itself puts on the timeline; registered when the module loads. */
const MEMBER_SOURCES: TimelineSource[] = [
  {
    kind: 'note',
    schema: NoteEntry,
    entries: ({ memberId }) => sql`
      SELECT n.note_id::text AS id, n.created_at AS at,
             jsonb_build_object(
               'body', left(n.body, 500),
               'authorName', s.name,
               'attachmentCount', (SELECT count(*) FROM note_attachments a WHERE a.note_id = n.note_id)
             ) AS data
        FROM notes n LEFT JOIN staff s ON s.staff_id = n.author_id
       WHERE n.member_id = ${memberId}`,
  },
  {
    kind: 'task',
    schema: TaskEntry,
    entries: ({ memberId }) => sql`
      SELECT t.task_id::text AS id, t.created_at AS at,
             jsonb_build_object(
               'title', t.title,
               'status', t.status,
               'dueAt', ${isoUtc(sql.ref('t.due_at'))},
               'assigneeName', s.name
             ) AS data
        FROM tasks t LEFT JOIN staff s ON s.staff_id = t.assignee_id
       WHERE t.member_id = ${memberId}`,
  },
  {
    kind: 'purchase',
    schema: PurchaseEntry,
    entries: ({ memberId }) => sql`
      SELECT p.purchase_id::text AS id, p.occurred_at AS at,
             jsonb_build_object(
               'totalMinor', p.total_minor,
               'storeName', st.name,
               'channel', p.channel,
               'items', COALESCE((SELECT jsonb_agg(l.name ORDER BY l.line_no)
                                    FROM (SELECT name, line_no FROM purchase_lines
                                           WHERE purchase_id = p.purchase_id
                                           ORDER BY line_no LIMIT 5) l), '[]'::jsonb),
               'lineCount', (SELECT count(*) FROM purchase_lines l WHERE l.purchase_id = p.purchase_id)
             ) AS data
        FROM purchases p LEFT JOIN stores st ON st.store_id = p.store_id
       WHERE p.member_id = ${memberId}`,
  },
  {
    kind: 'anniversary',
    schema: AnniversaryEntry,
    entries: ({ memberId }) => sql`
      SELECT anniversary_id::text AS id, created_at AS at,
             jsonb_build_object('anniversaryKind', kind, 'label', label, 'date', date) AS data
        FROM anniversaries WHERE member_id = ${memberId}`,
  },
  {
    kind: 'relation',
    schema: RelationEntry,
    entries: ({ memberId }) => sql`
      SELECT r.relation_id::text AS id, r.created_at AS at,
             jsonb_build_object(
               'relationKind', r.kind,
               'relatedMemberId', r.related_member_id,
               'name', COALESCE(m.name, r.contact_name, ''),
               'isMember', r.related_member_id IS NOT NULL
             ) AS data
        FROM relations r LEFT JOIN members m ON m.member_id = r.related_member_id
       WHERE r.member_id = ${memberId}`,
  },
  {
    kind: 'call',
    schema: CallEntry,
    entries: ({ memberId }) => sql`
      SELECT call_id::text AS id, received_at AS at, jsonb_build_object('extension', extension) AS data
        FROM calls WHERE member_id = ${memberId}`,
  },
  {
    kind: 'consent',
    schema: ConsentEntry,
    entries: ({ memberId }) => sql`
      SELECT entry_id::text AS id, at,
             jsonb_build_object('channel', channel, 'granted', granted, 'source', source) AS data
        FROM member_consent_history WHERE member_id = ${memberId}`,
  },
  {
    kind: 'joined',
    schema: JoinedEntry,
    entries: ({ memberId }) => sql`
      SELECT member_id::text AS id, created_at AS at, jsonb_build_object('source', source) AS data
        FROM members WHERE member_id = ${memberId}`,
  },
];

for (const source of MEMBER_SOURCES) registerTimelineSource(source);
