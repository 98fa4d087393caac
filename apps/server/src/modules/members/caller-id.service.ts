import { addressAs, maskPhone, normalizePhone, type Gender } from '@regulars/core';
import type { CallerCard, CallerIdResult, Language } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError } from '../../http/errors';

/** Who is looking: the card speaks their language and hides contact details unless allowed. */
export type Viewer = { lang: Language; reveal: boolean };

export const viewerOf = (auth: AuthContext, lang: Language): Viewer => ({
  lang,
  reveal: auth.permissions.has('contacts.view'),
});

type Dated = { kind: string; label: string; date: string };
type CardRow = {
  member_id: string;
  card_number: string;
  name: string;
  gender: string;
  tags: string[];
  rank: number;
  matches: number;
  today: string;
  purchase_count: number | null;
  total_spent_minor: string | null;
  first_purchase_at: Date | null;
  last_purchase_at: Date | null;
  last_purchase: {
    purchaseId: string;
    occurredAt: string;
    totalMinor: number;
    storeId: string | null;
    storeName: string | null;
  } | null;
  open_tasks: {
    taskId: string;
    title: string;
    dueAt: string | null;
    assigneeName: string | null;
  }[];
  last_notes: { noteId: string; body: string; authorName: string | null; createdAt: string }[];
  dates: Dated[];
};

const iso = (v: string | Date) => new Date(v).toISOString();
const iso0 = (v: string | Date | null) => (v === null ? null : iso(v));

const UPCOMING_DAYS = 30;

/** The next time a yearly date comes round, from `today` (both YYYY-MM-DD); 29 Feb → 28 Feb. */
function nextOccurrence(date: string, today: string): { on: string; days: number } {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(`${today}T00:00:00Z`);
  const on = (year: number) => {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return new Date(Date.UTC(year, m - 1, m === 2 && d === 29 && !leap ? 28 : d));
  };
  let next = on(t.getUTCFullYear());
  if (next < t) next = on(t.getUTCFullYear() + 1);
  return { on: next.toISOString().slice(0, 10), days: Math.round((+next - +t) / 86_400_000) };
}

export function upcomingDates(dates: Dated[], today: string): CallerCard['upcoming'] {
  return dates
    .map((x) => ({ ...x, next: nextOccurrence(x.date, today) }))
    .filter((x) => x.next.days <= UPCOMING_DAYS)
    .sort((a, b) => a.next.days - b.next.days)
    .map((x) => ({
      kind: x.kind as 'birthday',
      label: x.label,
      date: x.date,
      nextOn: x.next.on,
      daysAway: x.next.days,
    }));
}

function toCard(r: CardRow, view: Viewer): CallerCard {
  return {
    memberId: r.member_id,
    cardNumber: r.card_number,
    name: r.name,
    addressAs: addressAs(r.name, r.gender as Gender, view.lang),
    gender: r.gender as Gender,
    tags: r.tags,
    matchedBy: r.rank === 0 ? 'phone' : 'other_phone',
    matches: r.matches,
    stats: {
      purchaseCount: r.purchase_count ?? 0,
      totalSpentMinor: Number(r.total_spent_minor ?? 0),
      firstPurchaseAt: iso0(r.first_purchase_at),
      lastPurchaseAt: iso0(r.last_purchase_at),
    },
    lastPurchase: r.last_purchase && {
      ...r.last_purchase,
      occurredAt: iso(r.last_purchase.occurredAt),
      totalMinor: Number(r.last_purchase.totalMinor),
    },
    openTasks: r.open_tasks.map((t) => ({ ...t, dueAt: iso0(t.dueAt) })),
    lastNotes: r.last_notes.map((n) => ({ ...n, createdAt: iso(n.createdAt) })),
    upcoming: upcomingDates(r.dates, r.today),
  };
}

/**
 * The card in one statement: the member found by number (mobile first, then other numbers) or
 * by id, with spending, last purchase, open tasks, last notes and yearly dates as lateral
 * subqueries — one round trip, however busy the member.
 */
async function readCard(
  tx: Tx,
  find: { phone: string } | { memberId: string },
  now: Date,
): Promise<CardRow | null> {
  const best =
    'phone' in find
      ? sql`
        hits AS (SELECT member_id, rank FROM member_ids_by_phone(${find.phone})),
        best AS (
          SELECT member_id, rank, (SELECT count(DISTINCT member_id) FROM hits)::int AS matches
            FROM hits ORDER BY rank, member_id LIMIT 1
        )`
      : sql`best AS (SELECT ${find.memberId}::uuid AS member_id, 0 AS rank, 1 AS matches)`;
  const r = await sql<CardRow>`
    WITH ${best}
    SELECT m.member_id, m.card_number, m.name, m.gender, m.tags, b.rank, b.matches,
           to_char(${now}::timestamptz AT TIME ZONE t.time_zone, 'YYYY-MM-DD') AS today,
           s.purchase_count, s.total_spent_minor, s.first_purchase_at, s.last_purchase_at,
           lp.last_purchase, tk.open_tasks, nt.last_notes, dt.dates
      FROM best b
      JOIN members m ON m.member_id = b.member_id AND m.status = 'active'
      CROSS JOIN tenants t
      LEFT JOIN member_stats s ON s.member_id = m.member_id
      LEFT JOIN LATERAL (
        SELECT json_build_object('purchaseId', p.purchase_id, 'occurredAt', p.occurred_at,
                 'totalMinor', p.total_minor, 'storeId', p.store_id, 'storeName', st.name) AS last_purchase
          FROM purchases p LEFT JOIN stores st ON st.store_id = p.store_id
         WHERE p.member_id = m.member_id ORDER BY p.occurred_at DESC LIMIT 1
      ) lp ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('taskId', x.task_id, 'title', x.title,
                 'dueAt', x.due_at, 'assigneeName', x.assignee_name) ORDER BY x.n), '[]') AS open_tasks
          FROM (SELECT k.task_id, k.title, k.due_at, a.name AS assignee_name,
                       row_number() OVER (ORDER BY k.due_at NULLS LAST, k.created_at) AS n
                  FROM tasks k LEFT JOIN staff a ON a.staff_id = k.assignee_id
                 WHERE k.member_id = m.member_id AND k.status = 'open'
                 ORDER BY k.due_at NULLS LAST, k.created_at LIMIT 5) x
      ) tk ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('noteId', x.note_id, 'body', x.body,
                 'authorName', x.author_name, 'createdAt', x.created_at) ORDER BY x.created_at DESC), '[]') AS last_notes
          FROM (SELECT n.note_id, n.body, a.name AS author_name, n.created_at
                  FROM notes n LEFT JOIN staff a ON a.staff_id = n.author_id
                 WHERE n.member_id = m.member_id ORDER BY n.created_at DESC LIMIT 3) x
      ) nt ON true
      LEFT JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'label', x.label, 'date', x.date)), '[]') AS dates
          FROM (SELECT 'birthday' AS kind, '' AS label, m.birthday AS date WHERE m.birthday IS NOT NULL
                UNION ALL
                SELECT a.kind, a.label, a.date FROM anniversaries a WHERE a.member_id = m.member_id) x
      ) dt ON true`.execute(tx);
  return r.rows[0] ?? null;
}

/** The number in E.164, or a 400 naming what was typed. */
export function phoneOrInvalid(raw: string, country: string): string {
  const r = normalizePhone(raw, country);
  if (!r.ok) throw new AppError('member.invalid_phone', { value: raw }, { field: 'phone' });
  return r.phone.e164;
}

export const shownPhone = (e164: string, view: Viewer) => (view.reveal ? e164 : maskPhone(e164));

/** Caller ID: the card of the member with this number, in any format; null for a stranger. */
export async function lookUpCaller(
  ctx: AppContext,
  auth: AuthContext,
  raw: string,
  view: Viewer,
): Promise<CallerIdResult> {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const { phone_country } = await tx
      .selectFrom('tenants')
      .select('phone_country')
      .executeTakeFirstOrThrow();
    const e164 = phoneOrInvalid(raw, phone_country);
    const row = await readCard(tx, { phone: e164 }, ctx.clock.now());
    return { phone: shownPhone(e164, view), member: row && toCard(row, view) };
  });
}

/** The card of a known member (a call already matched), for the viewer. */
export async function cardOfMember(
  tx: Tx,
  memberId: string,
  now: Date,
  view: Viewer,
): Promise<CallerCard | null> {
  const row = await readCard(tx, { memberId }, now);
  return row && toCard(row, view);
}
