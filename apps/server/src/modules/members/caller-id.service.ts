import { addressAs, normalizePhone, phoneDisplay, type Gender } from '@regulars/core';
import type { CallerCard, CallerIdResult, Language } from '@regulars/contracts';
import { sql, type Db, type Tx } from '@regulars/db';
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
  phone_country: string;
  member_id: string | null;
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

function toCard(r: CardRow & { member_id: string }, view: Viewer): CallerCard {
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

/** The phone country each business normalises numbers with, as last seen (caller_card checks it). */
const countries = new Map<string, string>();
const MAX_COUNTRIES = 10_000;

/**
 * The card in one statement, caller_card() (migration 0010): the member found by number (mobile
 * first, then other numbers) or by id, with spending, last purchase, open tasks, last notes and
 * yearly dates — one round trip, however busy the member. Given a tenant it binds the statement to
 * it itself, so a lookup needs no transaction of its own (one round trip instead of five).
 */
async function readCard(
  db: Db['app'] | Tx,
  find: { tenantId: string; country: string | null; phone: string | null } | { memberId: string },
  now: Date,
): Promise<CardRow> {
  const r =
    'memberId' in find
      ? await sql<CardRow>`SELECT * FROM caller_card(NULL, NULL, NULL, ${find.memberId}::uuid,
          ${now}::timestamptz)`.execute(db)
      : await sql<CardRow>`SELECT * FROM caller_card(${find.tenantId}::uuid, ${find.country},
          ${find.phone}, NULL, ${now}::timestamptz)`.execute(db);
  if (!r.rows[0]) throw new Error('caller_card: no business bound to the statement');
  return r.rows[0];
}

/** The number in E.164, or a 400 naming what was typed. */
export function phoneOrInvalid(raw: string, country: string): string {
  const r = normalizePhone(raw, country);
  if (!r.ok) throw new AppError('member.invalid_phone', { value: raw }, { field: 'phone' });
  return r.phone.e164;
}

/** A number as staff of a business in `country` write it (0912-345-678), masked unless revealed. */
export function shownPhone(e164: string, view: Viewer, country: string): string {
  const p = phoneDisplay(e164, country);
  return view.reveal ? p.display : p.masked;
}

/**
 * Caller ID: the card of the member with this number, in any format; null for a stranger. The
 * business's phone country is remembered per process; caller_card() says when it has changed
 * (nothing is looked up then), and the number is read again with the new one.
 */
export async function lookUpCaller(
  ctx: AppContext,
  auth: AuthContext,
  raw: string,
  view: Viewer,
): Promise<CallerIdResult> {
  const now = ctx.clock.now();
  for (let attempt = 0; ; attempt++) {
    const known = countries.get(auth.tenantId) ?? null;
    let e164: string | null = null;
    if (known) {
      try {
        e164 = phoneOrInvalid(raw, known);
      } catch (e) {
        // Not a number in the remembered country: ask afresh before saying so.
        if (attempt > 0) throw e;
        countries.delete(auth.tenantId);
        continue;
      }
    }
    const row = await readCard(
      ctx.db.app,
      { tenantId: auth.tenantId, country: known, phone: e164 },
      now,
    );
    if (row.phone_country !== known || e164 === null) {
      if (countries.size >= MAX_COUNTRIES) countries.clear();
      countries.set(auth.tenantId, row.phone_country);
      if (attempt > 2) throw new Error('caller_card: the phone country keeps changing');
      continue;
    }
    return {
      phone: shownPhone(e164, view, known),
      member: row.member_id === null ? null : toCard({ ...row, member_id: row.member_id }, view),
    };
  }
}

/** The card of a known member (a call already matched), for the viewer. */
export async function cardOfMember(
  tx: Tx,
  memberId: string,
  now: Date,
  view: Viewer,
): Promise<CallerCard | null> {
  const row = await readCard(tx, { memberId }, now);
  return row.member_id === null ? null : toCard({ ...row, member_id: row.member_id }, view);
}
