import { csvLine, neutralizeCell } from '@regulars/core';
import { IMPORT_REJECT_LABELS, type Language } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';

const HEAD: Record<Language, string[]> = {
  'zh-TW': ['列', '欄位', '內容', '原因', '原因代碼'],
  'zh-CN': ['行', '栏位', '内容', '原因', '原因代码'],
  en: ['Row', 'Column', 'Value', 'Reason', 'Reason code'],
};

/** The rejected rows of an import, in file order: each problem with its row, column and reason. */
export async function listRejects(
  ctx: AppContext,
  auth: AuthContext,
  importId: string,
  lang: Language,
  page: { after: number; limit: number },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const imp = await tx
      .selectFrom('imports')
      .select('import_id')
      .where('import_id', '=', importId)
      .executeTakeFirst();
    if (!imp) throw notFound('import');
    const rows = await tx
      .selectFrom('import_rejects')
      .select(['row_number', 'column_name', 'value', 'reason'])
      .where('import_id', '=', importId)
      .where('row_number', '>', page.after)
      .orderBy('row_number')
      .orderBy('seq')
      .limit(page.limit)
      .execute();
    return rows.map((r) => ({
      row: r.row_number,
      column: r.column_name,
      value: r.value,
      reason: r.reason,
      message: IMPORT_REJECT_LABELS[r.reason]?.[lang] ?? r.reason,
    }));
  });
}

/**
 * The rejected rows as a CSV file to fix and upload again (UTF-8 with BOM, so Excel opens it);
 * values are neutralised so a formula someone tried to import does not run in the report.
 */
export async function rejectsCsv(
  ctx: AppContext,
  auth: AuthContext,
  importId: string,
  lang: Language,
) {
  let out = '\uFEFF' + csvLine(HEAD[lang]);
  let after = 0;
  for (;;) {
    const page = await listRejects(ctx, auth, importId, lang, { after, limit: 5000 });
    // A page may end inside a row's problems: take whole rows, continue after the last one.
    const last = page.at(-1)?.row;
    const whole = page.length === 5000 ? page.filter((r) => r.row !== last) : page;
    for (const r of whole)
      out += csvLine([
        r.row,
        neutralizeCell(r.column),
        neutralizeCell(r.value),
        r.message,
        r.reason,
      ]);
    if (page.length < 5000) return out;
    after = whole.at(-1)?.row ?? last!;
  }
}
