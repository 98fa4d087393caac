import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, maskAddress, maskEmail, maskPhone, neutralizeCell } from '@regulars/core';
import { MEMBER_FIELD_LABELS, type Language } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../http/context';
import { recordAudit } from '../../platform/audit';
import { searchMembers, type MemberRow } from '../members';

export type ExportFilter = { q?: string; tag?: string | string[]; homeStoreId?: string };

const FIELDS = [
  'cardNumber',
  'name',
  'gender',
  'birthday',
  'phone',
  'otherPhones',
  'email',
  'address',
  'preferredChannel',
  'language',
  'homeStore',
  'externalId',
  'tags',
  'consent.sms',
  'consent.email',
];
const CREATED = { 'zh-CN': '加入时间', 'zh-TW': '加入時間', en: 'Joined' };
const PAGE = 1000;

type Cell = string | number;

/**
 * Members matching a filter, page by page (keyset, one short transaction each), as rows of
 * cells. Contact details are masked unless the caller may view them; every text cell is
 * neutralised against formula injection. The headers are the template's, so a file exported
 * here can be imported again.
 */
async function* exportRows(
  ctx: AppContext,
  auth: AuthContext,
  filter: ExportFilter,
  lang: Language,
): AsyncGenerator<Cell[]> {
  const reveal = auth.permissions.has('contacts.view');
  const { country, stores, custom } = await ctx.db.withTenant(auth.tenantId, async (tx) => ({
    country: (await tx.selectFrom('tenants').select('phone_country').executeTakeFirstOrThrow())
      .phone_country,
    stores: new Map(
      (await tx.selectFrom('stores').select(['store_id', 'code']).execute()).map((s) => [
        s.store_id,
        s.code,
      ]),
    ),
    custom: await tx
      .selectFrom('custom_fields')
      .select(['field_key', 'label'])
      .where('active', '=', true)
      .orderBy('position')
      .orderBy('field_key')
      .execute(),
  }));
  yield [
    ...FIELDS.map((f) => MEMBER_FIELD_LABELS[f]![lang]),
    ...custom.map((c) => (c.label as Record<Language, string>)[lang] || c.field_key),
    CREATED[lang],
  ].map(neutralizeCell);
  let cursor: string | undefined;
  for (;;) {
    const page = await ctx.db.withTenant(auth.tenantId, (tx) =>
      searchMembers(tx, country, { ...filter, cursor, limit: PAGE }),
    );
    for (const m of page.rows)
      yield toCells(
        m,
        reveal,
        stores,
        custom.map((c) => c.field_key),
      );
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

function toCells(
  m: MemberRow,
  reveal: boolean,
  stores: Map<string, string>,
  customKeys: string[],
): Cell[] {
  const phone = (p: string) => (reveal ? p : maskPhone(p));
  const consents = m.consents as Record<string, { granted: boolean } | undefined>;
  const yn = (ch: string) => (consents[ch] ? (consents[ch].granted ? 'Y' : 'N') : '');
  const custom = m.custom as Record<string, unknown>;
  const text = (v: unknown) =>
    v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  return [
    m.card_number,
    m.name,
    m.gender,
    m.birthday ?? '',
    m.phone ? phone(m.phone) : '',
    m.other_phones.map(phone).join(', '),
    m.email ? (reveal ? m.email : maskEmail(m.email)) : '',
    reveal ? m.address : maskAddress(m.address),
    m.preferred_channel ?? '',
    m.language ?? '',
    m.home_store_id ? (stores.get(m.home_store_id) ?? '') : '',
    m.external_id ?? '',
    m.tags.join(', '),
    yn('sms'),
    yn('email'),
    ...customKeys.map((k) =>
      typeof custom[k] === 'number' ? (custom[k] as number) : text(custom[k]),
    ),
    m.created_at.toISOString(),
  ].map((c) => (typeof c === 'string' ? neutralizeCell(c) : c));
}

/** Audits the export (who, which filter, masked or not), then streams the file. */
export async function exportMembers(
  ctx: AppContext,
  auth: AuthContext,
  filter: ExportFilter,
  format: 'csv' | 'xlsx',
  lang: Language,
): Promise<Readable> {
  await ctx.db.withTenant(auth.tenantId, (tx) =>
    recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'members.exported',
      entityType: 'member',
      after: { format, filter, contactsMasked: !auth.permissions.has('contacts.view') },
    }),
  );
  const rows = exportRows(ctx, auth, filter, lang);
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield '\uFEFF';
        for await (const r of rows) yield csvLine(r);
      })(),
    );
  }
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const ws = wb.addWorksheet('Members');
  void (async () => {
    let first = true;
    for await (const r of rows) {
      const row = ws.addRow(r);
      if (first) row.font = { bold: true };
      first = false;
      row.commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
