export { cellText, isBlank, isFormulaCell, type Cell } from './cells';
export { csvLine, parseCsv, parseCsvStream } from './csv';
export { decodePieces, decodeText, detectEncoding, encodeText, type TextEncoding } from './decode';
export {
  headerKey,
  MEMBER_IMPORT_FIELDS,
  MULTI_COLUMN_FIELDS,
  suggestMapping,
  type CustomFieldLabel,
  type MemberImportField,
} from './fields';
export {
  normalizeMemberRow,
  type MemberImportValues,
  type MemberRowContext,
  type MemberRowResult,
} from './member-row';
export { looksLikeFormula, neutralizeCell } from './neutralize';
export { IMPORT_REJECT_REASONS, type ImportRejectReason, type RowProblem } from './reasons';
export { boolOf } from './values';
export { parseVCards, VCARD_HEADERS } from './vcard';
export { minorDigits, parseDateTime, parseMoney, parseQuantity, zonedToUtc } from './amounts';
export {
  normalizeProductRow,
  normalizePurchaseRow,
  type ProductImportValues,
  type PurchaseLineValues,
  type PurchaseRowContext,
  type RowResult,
} from './catalog-rows';
export { readMappedCells, type CellRules, type MappedCell } from './row-cells';
