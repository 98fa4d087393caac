import ExcelJS from 'exceljs';
import { csvLine } from '@regulars/core';
import { MEMBER_FIELD_LABELS, type Language } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../http/context';

const TEMPLATE_FIELDS = [
  'name',
  'phone',
  'gender',
  'birthday',
  'email',
  'address',
  'otherPhones',
  'homeStore',
  'externalId',
  'tags',
  'consent.sms',
  'consent.email',
];

/** The header row of the business's import template, in the staff member's language. */
export async function templateHeaders(ctx: AppContext, auth: AuthContext, lang: Language) {
  const custom = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('custom_fields')
      .select(['field_key', 'label'])
      .where('active', '=', true)
      .orderBy('position')
      .orderBy('field_key')
      .execute(),
  );
  return [
    ...TEMPLATE_FIELDS.map((f) => MEMBER_FIELD_LABELS[f]![lang]),
    ...custom.map((c) => (c.label as Record<Language, string>)[lang] || c.field_key),
  ];
}

/** The template as CSV (UTF-8 with BOM) or as .xlsx with text-formatted phone columns. */
export async function templateFile(headers: string[], format: 'csv' | 'xlsx'): Promise<Buffer> {
  if (format === 'csv') return Buffer.from('\uFEFF' + csvLine(headers));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Members');
  ws.addRow(headers).font = { bold: true };
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  // Phones and ids as text, so Excel keeps their leading zeros.
  for (const i of [2, 7, 9]) ws.getColumn(i).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
