import ExcelJS from 'exceljs';
import { csvLine } from '@regulars/core';
import {
  CATALOG_FIELD_LABELS,
  MEMBER_FIELD_LABELS,
  type ImportKind,
  type Language,
} from '@regulars/contracts';
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

const CATALOG_TEMPLATES = {
  products: ['sku', 'name', 'price', 'category', 'tags'],
  purchases: [
    'orderNo',
    'memberPhone',
    'memberCard',
    'date',
    'store',
    'sku',
    'productName',
    'quantity',
    'unitPrice',
    'amount',
  ],
};
/** Columns kept as text in the .xlsx template (leading zeros of phones, SKUs, ids), 1-based. */
const TEXT_COLUMNS: Record<ImportKind, number[]> = {
  members: [2, 7, 9],
  products: [1],
  purchases: [1, 2, 3, 6],
};

/** The header row of the business's import template, in the staff member's language. */
export async function templateHeaders(
  ctx: AppContext,
  auth: AuthContext,
  lang: Language,
  kind: ImportKind = 'members',
) {
  if (kind !== 'members') return CATALOG_TEMPLATES[kind].map((f) => CATALOG_FIELD_LABELS[f]![lang]);
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
export async function templateFile(
  headers: string[],
  format: 'csv' | 'xlsx',
  kind: ImportKind = 'members',
): Promise<Buffer> {
  if (format === 'csv') return Buffer.from('\uFEFF' + csvLine(headers));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind[0]!.toUpperCase() + kind.slice(1));
  ws.addRow(headers).font = { bold: true };
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  // Phones and ids as text, so Excel keeps their leading zeros.
  for (const i of TEXT_COLUMNS[kind]) ws.getColumn(i).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
