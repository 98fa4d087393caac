/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, Z/2). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXY';
const N = CODE_ALPHABET.length;
/** 12 random characters: 30^12 ≈ 2^59 codes. */
const BODY_LENGTH = 12;

/** Luhn mod N check character: catches any single wrong character and most swapped pairs. */
export function checkCharacter(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    const v = CODE_ALPHABET.indexOf(body[i]!) * factor;
    sum += Math.floor(v / N) + (v % N);
    factor = factor === 2 ? 1 : 2;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N]!;
}

/**
 * A new coupon code from a uniform random source (`randomBelow(n)` returns an integer in
 * [0, n); the server passes crypto.randomInt). Stored without separators.
 */
export function newCouponCode(randomBelow: (n: number) => number): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += CODE_ALPHABET[randomBelow(N)];
  return body + checkCharacter(body);
}

/** A code as typed or scanned ("abcd-efgh 2345 k") in its stored form, or null if it cannot be one. */
export function normalizeCouponCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== BODY_LENGTH + 1) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return checkCharacter(s.slice(0, -1)) === s.slice(-1) ? s : null;
}

/** The code in groups of four for printing and reading aloud: ABCD-EFGH-JKMN-P. */
export function formatCouponCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
