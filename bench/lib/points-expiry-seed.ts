// Seeding for bench/points-expiry.ts: ledger rows written set-based, straight into the tables.
import type pg from 'pg';

const EXPIRES = '2026-12-31T15:59:59.999Z'; // 23:59:59.999 on 31 December in Taipei

/** Members, their earnings (a third half spent, a tenth with pending points) and balances. */
export async function seedExpiry(raw: pg.Client, tenantId: string, members: number) {
  for (let done = 0; done < members; done += 250_000) {
    const n = Math.min(250_000, members - done);
    const params = [tenantId, done, n, EXPIRES];
    await raw.query(
      `INSERT INTO members (tenant_id, member_id, card_number, name, source)
       SELECT $1, gen_random_uuid(), lpad(($2::int + i)::text, 10, '0'), 'Member ' || ($2::int + i), 'import'
         FROM generate_series(1, $3::int) AS i`,
      params.slice(0, 3),
    );
    await raw.query(
      `WITH m AS (
         SELECT member_id, card_number::int AS k, 100 + card_number::int % 400 AS pts FROM members
          WHERE tenant_id = $1 AND card_number > lpad($2::text, 10, '0')
            AND card_number <= lpad(($2::int + $3::int)::text, 10, '0')
       ), earn AS (
         INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, reason, source,
           source_ref, actor_type, balance_after, occurred_at)
         SELECT $1, gen_random_uuid(), member_id, 'earn', pts, 'purchase', 'purchase', 'p' || k,
           'system', pts, '2026-06-01T04:00:00Z' FROM m
         RETURNING entry_id, member_id, points, substr(source_ref, 2)::int AS k
       ), spend AS (
         INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, reason, source,
           source_ref, actor_type, balance_after, occurred_at)
         SELECT $1, gen_random_uuid(), member_id, 'spend', -(pts / 2), 'redeem', 'pos', 's' || k,
           'system', pts - pts / 2, '2026-09-01T04:00:00Z' FROM m WHERE k % 3 = 0
       ), pend AS (
         INSERT INTO points_entries (tenant_id, entry_id, member_id, kind, points, pending_points,
           reason, source, source_ref, actor_type, balance_after, occurred_at)
         SELECT $1, gen_random_uuid(), member_id, 'earn', 0, 50, 'purchase', 'purchase', 'q' || k,
           'system', pts - CASE WHEN k % 3 = 0 THEN pts / 2 ELSE 0 END, '2026-12-20T04:00:00Z'
           FROM m WHERE k % 10 = 1
         RETURNING entry_id, member_id
       ), batches AS (
         INSERT INTO points_batches (tenant_id, batch_id, member_id, entry_id, status, earned,
           remaining, confirm_at, expires_at, created_at)
         SELECT $1, gen_random_uuid(), e.member_id, e.entry_id, 'active', e.points,
           e.points - CASE WHEN e.k % 3 = 0 THEN e.points / 2 ELSE 0 END, NULL::timestamptz, $4::timestamptz,
           '2026-06-01T04:00:00Z'::timestamptz FROM earn e
         UNION ALL
         SELECT $1, gen_random_uuid(), member_id, entry_id, 'pending', 50, 50,
           '2026-12-31T00:00:00Z'::timestamptz, $4::timestamptz + interval '1 year',
           '2026-12-20T04:00:00Z'::timestamptz FROM pend
       )
       INSERT INTO points_balances (tenant_id, member_id, available, pending)
       SELECT $1, member_id, pts - CASE WHEN k % 3 = 0 THEN pts / 2 ELSE 0 END,
         CASE WHEN k % 10 = 1 THEN 50 ELSE 0 END FROM m`,
      params,
    );
    if (members > 100_000) console.log(`  ${done + n} members`);
  }
}

/** Undoes the night: batches due again, balances as before, its entries and events gone. */
export async function undoNight(raw: pg.Client, tenantId: string) {
  await raw.query(
    `UPDATE points_balances p SET available = p.available - x.pts, pending = p.pending - x.pend
       FROM (SELECT member_id, sum(points)::int AS pts, sum(pending_points)::int AS pend
               FROM points_entries WHERE tenant_id = $1 AND kind IN ('expire', 'confirm')
              GROUP BY member_id) x
      WHERE p.tenant_id = $1 AND p.member_id = x.member_id`,
    [tenantId],
  );
  await raw.query(
    `UPDATE points_batches b SET status = CASE e.kind WHEN 'expire' THEN 'active' ELSE 'pending' END,
            remaining = abs(e.points)
       FROM points_entries e
      WHERE e.tenant_id = $1 AND e.kind IN ('expire', 'confirm') AND b.tenant_id = $1
        AND b.batch_id = e.source_ref::uuid`,
    [tenantId],
  );
  await raw.query(
    `DELETE FROM points_entries WHERE tenant_id = $1 AND kind IN ('expire', 'confirm')`,
    [tenantId],
  );
  await raw.query(
    `DELETE FROM domain_events WHERE tenant_id = $1 AND type IN ('points.expired', 'points.confirmed')`,
    [tenantId],
  );
}
