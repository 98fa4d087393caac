import { cleanText, toHalfWidth } from '../text';

/** A cell as read from a file: text (CSV, vCard), or what a spreadsheet stores. */
export type Cell = string | number | boolean | Date | { formula: string } | null;

export const isFormulaCell = (c: Cell): c is { formula: string } =>
  typeof c === 'object' && c !== null && !(c instanceof Date);

/** The cell as text, for messages and text fields; dates as ISO dates. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (isFormulaCell(c)) return `=${c.formula}`;
  // NUL cannot be stored (PostgreSQL text); it marks a binary or mis-decoded file: shown as U+FFFD.
  return cleanText(String(c)).replaceAll('\u0000', '\uFFFD');
}

/** Empty or a lone placeholder ("-", "—", "N/A") that sheets use for "nothing here". */
export function isBlank(c: Cell): boolean {
  if (c === null) return true;
  if (typeof c !== 'string') return false;
  return /^\s*(?:-|—|–|n\/?a|null|無|无)?\s*$/i.test(toHalfWidth(c));
}
