import { randomUUID } from 'node:crypto';
import { cardNumber, type CustomFieldDef, type MemberImportValues } from '@regulars/core';
import type { ImportMatchBy } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';
import { searchColumns } from '../members';
import { emptyResult, type BatchResult, type PreparedRow as Prepared } from './import-run';
import { consentChanges, decide, merged, type Existing, type Found } from './member-match';

type PreparedRow = PreparedMember;
export type PreparedMember = Prepared<MemberImportValues>;

export type BatchJob = {
  tenantId: string;
  importId: string;
  matchBy: ImportMatchBy;
  dryRun: boolean;
  actorId: string | null;
  storeId: string | null;
  defs: CustomFieldDef[];
  columnOf: (field: string) => number;
};

const EXISTING_COLUMNS = sql`member_id, card_number, name, gender, birthday, phone, other_phones,
  email, address, preferred_channel, language, time_zone, home_store_id, external_id, custom,
  tags, consents, field_sources`;

async function findExisting(tx: Tx, job: BatchJob, rows: MemberImportValues[]): Promise<Found> {
  const pick = (f: (v: MemberImportValues) => string | undefined) => [
    ...new Set(rows.map(f).filter((x): x is string => !!x)),
  ];
  const emails = job.matchBy === 'email' ? pick((v) => v.email) : [];
  // One index scan per key (an OR of the four would scan the whole table), then lock the rows.
  // The ids are gathered first (ARRAY(…) runs once, before the outer scan): as `IN (subquery)`
  // the planner may join against a scan of every member of every business, once per batch.
  const { rows: found } = await sql<Existing>`
    SELECT ${EXISTING_COLUMNS} FROM members
    WHERE status = 'active' AND tenant_id = current_tenant_id() AND member_id = ANY(ARRAY(
      SELECT member_id FROM members WHERE phone = ANY(${pick((v) => v.phone)}::text[]) AND status = 'active'
      UNION SELECT member_id FROM members WHERE external_id = ANY(${pick((v) => v.externalId)}::text[])
      UNION SELECT member_id FROM members WHERE card_number = ANY(${pick((v) => v.cardNumber)}::text[])
      UNION SELECT member_id FROM members WHERE email = ANY(${emails}::text[])))
    FOR UPDATE`.execute(tx);
  const f: Found = {
    byPhone: new Map(),
    byExternal: new Map(),
    byCard: new Map(),
    byEmail: new Map(),
  };
  for (const m of found) {
    if (m.phone) f.byPhone.set(m.phone, m);
    if (m.external_id) f.byExternal.set(m.external_id, m);
    f.byCard.set(m.card_number, m);
    if (m.email) f.byEmail.set(m.email, [...(f.byEmail.get(m.email) ?? []), m]);
  }
  return f;
}

/**
 * Decides and writes one batch of rows in the caller's transaction: one query finds the members
 * the rows name, then one statement each inserts the new members, updates the changed ones and
 * records consent history. A dry run decides the same way and writes nothing.
 */
export async function writeMemberBatch(
  tx: Tx,
  ctx: AppContext,
  job: BatchJob,
  rows: PreparedRow[],
): Promise<BatchResult> {
  const result = emptyResult();
  const ok = rows.filter((r) => r.kind === 'ok');
  const found = await findExisting(
    tx,
    job,
    ok.map((r) => r.values),
  );
  const creates: { row: number; v: MemberImportValues }[] = [];
  const updates: { t: Existing; v: MemberImportValues }[] = [];
  for (const r of rows) {
    if (r.kind === 'empty') result.skipped++;
    else if (r.kind === 'rejected') result.rejects.push({ row: r.row, problems: r.problems });
    else {
      const d = decide(r.values, job.matchBy, found, job.defs, job.columnOf);
      if (d.kind === 'reject') result.rejects.push({ row: r.row, problems: d.problems });
      else if (d.kind === 'create') creates.push({ row: r.row, v: d.values });
      else if (d.kind === 'update') updates.push({ t: d.target, v: d.values });
      else result.unchanged++;
    }
  }
  result.created = creates.length;
  result.updated = updates.length;
  if (job.dryRun || (!creates.length && !updates.length)) return result;

  const now = ctx.clock.now().toISOString();
  const stamp = { source: 'import', at: now, importId: job.importId };
  const history: { member_id: string; channel: string; granted: boolean }[] = [];
  const consentsOf = (t: Existing | null, v: MemberImportValues, memberId: string) => {
    const changed = consentChanges(t, v);
    for (const [channel, granted] of changed)
      history.push({ member_id: memberId, channel, granted });
    return {
      ...(t?.consents ?? {}),
      ...Object.fromEntries(
        changed.map(([c, g]) => [c, { granted: g, at: now, source: 'import' }]),
      ),
    };
  };
  const sourcesOf = (t: Existing | null, v: MemberImportValues) => ({
    ...(t?.field_sources ?? {}),
    ...Object.fromEntries(
      (['phone', 'email', 'address'] as const)
        .filter((f) => v[f] !== undefined && v[f] !== t?.[f])
        .map((f) => [f, stamp]),
    ),
  });

  const created = await insertCreates(tx, job, creates, { now, consentsOf, sourcesOf });
  const updated = updates.map(({ t, v }) => {
    const m = merged(t, v);
    return {
      member_id: t.member_id,
      ...m,
      consents: consentsOf(t, v, t.member_id),
      field_sources: sourcesOf(t, v),
      ...searchColumns({ ...m, otherPhones: m.other_phones, cardNumber: t.card_number }),
    };
  });
  if (updated.length)
    await sql`
      UPDATE members m SET name = x.name, gender = x.gender, birthday = x.birthday::date,
        phone = x.phone, other_phones = x.other_phones, email = x.email, address = x.address,
        preferred_channel = x.preferred_channel, language = x.language, time_zone = x.time_zone,
        home_store_id = x.home_store_id::uuid, external_id = x.external_id, custom = x.custom,
        tags = x.tags, consents = x.consents, field_sources = x.field_sources,
        search_latin = x.search_latin, name_initials = x.name_initials, name_grams = x.name_grams,
        version = m.version + 1, updated_at = ${now}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(updated)}::jsonb) AS x(member_id uuid, name text,
        gender text, birthday text, phone text, other_phones text[], email text, address text,
        preferred_channel text, language text, time_zone text, home_store_id text,
        external_id text, custom jsonb, tags text[], consents jsonb, field_sources jsonb,
        search_latin text, name_initials text, name_grams text[])
      WHERE m.member_id = x.member_id`.execute(tx);
  if (history.length)
    await sql`
      INSERT INTO member_consent_history (tenant_id, member_id, channel, granted, source, actor_id, at)
      SELECT ${job.tenantId}, x.member_id, x.channel, x.granted, 'import', ${job.actorId}::uuid, ${now}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS x(member_id uuid, channel text, granted boolean)`.execute(
      tx,
    );
  await ctx.events.record(tx, job.tenantId, 'members.imported', {
    importId: job.importId,
    created: created,
    updated: updated.map((u) => u.member_id),
  });
  return result;
}

async function insertCreates(
  tx: Tx,
  job: BatchJob,
  creates: { row: number; v: MemberImportValues }[],
  h: {
    now: string;
    consentsOf: (t: null, v: MemberImportValues, id: string) => unknown;
    sourcesOf: (t: null, v: MemberImportValues) => unknown;
  },
): Promise<string[]> {
  if (!creates.length) return [];
  const counter = await sql<{ value: string }>`
    INSERT INTO tenant_counters (tenant_id, counter, value) VALUES (${job.tenantId}, 'member_card', ${creates.length})
    ON CONFLICT (tenant_id, counter) DO UPDATE SET value = tenant_counters.value + ${creates.length}
    RETURNING value`.execute(tx);
  const first = Number(counter.rows[0]!.value) - creates.length + 1;
  const rows = creates.map(({ row, v }, i) => {
    const id = randomUUID();
    const card = cardNumber(first + i);
    const phone = v.phone ?? null;
    const otherPhones = v.otherPhones.filter((p) => p !== phone);
    return {
      member_id: id,
      card_number: card,
      name: v.name!,
      gender: v.gender ?? 'unknown',
      birthday: v.birthday ?? null,
      phone,
      other_phones: otherPhones,
      email: v.email ?? null,
      address: v.address ?? '',
      preferred_channel: v.preferredChannel ?? null,
      language: v.language ?? null,
      time_zone: v.timeZone ?? null,
      home_store_id: v.homeStoreId ?? job.storeId,
      external_id: v.externalId ?? null,
      source_ref: { importId: job.importId, row },
      field_sources: h.sourcesOf(null, v),
      consents: h.consentsOf(null, v, id),
      custom: v.custom,
      tags: v.tags,
      ...searchColumns({
        name: v.name!,
        email: v.email ?? null,
        phone,
        otherPhones,
        cardNumber: card,
        tags: v.tags,
      }),
    };
  });
  await sql`
    INSERT INTO members (tenant_id, member_id, card_number, name, gender, birthday, phone,
      other_phones, email, address, preferred_channel, language, time_zone, home_store_id,
      external_id, source, source_ref, field_sources, consents, custom, tags, search_latin,
      name_initials, name_grams, created_by, created_at, updated_at)
    SELECT ${job.tenantId}, x.member_id, x.card_number, x.name, x.gender, x.birthday::date, x.phone,
      x.other_phones, x.email, x.address, x.preferred_channel, x.language, x.time_zone,
      x.home_store_id::uuid, x.external_id, 'import', x.source_ref, x.field_sources, x.consents,
      x.custom, x.tags, x.search_latin, x.name_initials, x.name_grams, ${job.actorId}::uuid,
      ${h.now}::timestamptz, ${h.now}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(member_id uuid, card_number text,
      name text, gender text, birthday text, phone text, other_phones text[], email text,
      address text, preferred_channel text, language text, time_zone text, home_store_id text,
      external_id text, source_ref jsonb, field_sources jsonb, consents jsonb, custom jsonb,
      tags text[], search_latin text, name_initials text, name_grams text[])`.execute(tx);
  return rows.map((r) => r.member_id);
}
