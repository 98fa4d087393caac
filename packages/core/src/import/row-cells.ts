import { cellText, isBlank, isFormulaCell, type Cell } from './cells';
import { looksLikeFormula } from './neutralize';
import type { ImportRejectReason, RowProblem } from './reasons';

/** One mapped, non-blank cell as a row normaliser sees it. */
export type MappedCell = {
  field: string;
  col: number;
  cell: Cell;
  /** The cell as clean text (a value our export neutralised, '=…, reads back as it was). */
  text: string;
  fail(reason: ImportRejectReason): void;
};

export type CellRules = {
  /** Longest text per field (`custom` for custom fields); fields not named are not limited here. */
  limits: Record<string, number>;
  /** Fields whose text may begin with + or - (phones): only real formula cells are refused. */
  signed?: readonly string[];
};

/**
 * Walks a row by its column mapping, the part every kind of import shares: blank cells and
 * placeholders are passed over; unreadable text (wrong encoding), formulas and over-long values
 * are problems of their column; every other cell goes to `visit`. Returns false for an empty row.
 */
export function readMappedCells(
  cells: readonly Cell[],
  mapping: readonly (string | null)[],
  rules: CellRules,
  problems: RowProblem[],
  visit: (c: MappedCell) => void,
): boolean {
  let any = false;
  mapping.forEach((field, col) => {
    const cell = cells[col] ?? null;
    if (!field || isBlank(cell)) return;
    any = true;
    const text = cellText(cell).replace(/^'(?=[=+\-@])/, '');
    const fail = (reason: ImportRejectReason) =>
      void problems.push({ column: col, value: text, reason });
    if (text.includes('\uFFFD')) return fail('encoding.invalid');
    if (isFormulaCell(cell)) return fail('value.formula');
    if (!rules.signed?.includes(field) && looksLikeFormula(text)) return fail('value.formula');
    const limit = rules.limits[field.startsWith('custom.') ? 'custom' : field];
    if (limit !== undefined && text.length > limit) return fail('value.too_long');
    visit({ field, col, cell, text, fail });
  });
  return any;
}
