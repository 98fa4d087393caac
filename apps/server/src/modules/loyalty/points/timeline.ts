import { PointsTimelineEntry } from '@regulars/contracts';
import { sql } from '@regulars/db';
import { registerTimelineSource } from '../../members';

/** Points earned, spent, lapsed or taken back, on the member's timeline. */
export function registerPointsTimeline(): void {
  registerTimelineSource({
    kind: 'points',
    schema: PointsTimelineEntry,
    entries: ({ memberId }) => sql`
      SELECT e.entry_id::text AS id, e.occurred_at AS at,
             jsonb_build_object(
               'entryKind', e.kind,
               'points', e.points,
               'pendingPoints', e.pending_points,
               'reason', e.reason,
               'balanceAfter', e.balance_after,
               'rules', coalesce((SELECT jsonb_agg(a->>'name') FROM jsonb_array_elements(e.details->'awards') a), '[]'::jsonb)
             ) AS data
        FROM points_entries e
       WHERE e.member_id = ${memberId}`,
  });
}
