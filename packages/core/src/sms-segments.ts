/**
 * How many SMS parts a text takes. A text that fits the GSM 03.38 default alphabet goes as 7-bit
 * (160 per message, 153 per part when concatenated: the 6-octet UDH takes 7 septets); characters
 * of the extension table (€ { } [ ] ~ \ | ^ and form feed) take two septets, an escape and the
 * character. Anything else — Chinese, emoji, most accented letters — sends the whole text as
 * UCS-2 (70 per message, 67 per part); characters outside the Basic Multilingual Plane (most
 * emoji) take two UCS-2 units, a surrogate pair. A character is never split between two parts.
 */

export type SmsEncoding = 'gsm7' | 'ucs2';

export type SmsSegments = {
  encoding: SmsEncoding;
  /** Messages the text is sent as (0 for an empty text). */
  parts: number;
  /** Units the text takes: septets for GSM-7, 16-bit units for UCS-2. */
  used: number;
  /** Units per message: 160 or 70 for one, 153 or 67 per part when concatenated. */
  perPart: number;
  /** Units still free in the last part before one more part is needed. */
  left: number;
};

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

/** Whether every character of `text` is in the GSM 7-bit alphabet (with its extension table). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extended.has(ch)) return false;
  return true;
}

/** Units per character, in order: 1 or 2 septets, or 1 or 2 UCS-2 units. */
function unitsOf(text: string, encoding: SmsEncoding): number[] {
  const units: number[] = [];
  for (const ch of text) {
    if (encoding === 'gsm7') units.push(extended.has(ch) ? 2 : 1);
    else units.push(ch.length); // a code point above U+FFFF is a surrogate pair
  }
  return units;
}

/** Encoding, number of parts and units used and left for an SMS text (shown before sending). */
export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const limits = LIMITS[encoding];
  const units = unitsOf(text, encoding);
  const used = units.reduce((a, b) => a + b, 0);
  if (used <= limits.single) {
    return {
      encoding,
      parts: used === 0 ? 0 : 1,
      used,
      perPart: limits.single,
      left: limits.single - used,
    };
  }
  // Concatenated: fill each part, moving a two-unit character whole into the next part.
  let parts = 1;
  let inPart = 0;
  for (const u of units) {
    if (inPart + u > limits.part) {
      parts += 1;
      inPart = 0;
    }
    inPart += u;
  }
  return { encoding, parts, used, perPart: limits.part, left: limits.part - inPart };
}
