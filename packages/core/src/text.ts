/**
 * Full-width ASCII (ＡＢＣ１２３，＠) to its half-width form, and the ideographic space to a
 * space: what people type on Chinese keyboards and what old spreadsheets hold.
 */
export function toHalfWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Half-width, trimmed, inner runs of white space folded to one space. */
export function cleanText(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, ' ').trim();
}
