/**
 * A cell value made safe for spreadsheets (CSV/formula injection): text beginning with = + - @,
 * a tab or a carriage return would run as a formula when the file is opened, so it gets a
 * leading apostrophe, which Excel and LibreOffice show as text.
 */
export function neutralizeCell(value: string): string {
  // Digits with a sign (+886 912 345 678, -5) can hold no formula: kept as they are.
  if (/^[+-]?[\d\s().-]+$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Whether an imported text value looks like a spreadsheet formula rather than data: it starts
 * with = or @, or with + or - followed by something that is not a number (+886 912… and -5 are
 * data; "+cmd|' /C calc'!A0" and "-HYPERLINK(…)" are not).
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=@]/.test(value) || /^[+-][^\d\s.]/.test(value);
}
