import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, formatCouponCode, newCouponCode, normalizeCouponCode } from './coupon-code';

describe('coupon codes', () => {
  it('use no characters that read alike and end in a valid check character', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILOZ]/);
    for (let i = 0; i < 1000; i++) {
      const code = newCouponCode(randomInt);
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXY]{13}$/);
      expect(normalizeCouponCode(formatCouponCode(code).toLowerCase())).toBe(code);
    }
  });
  it('catch every single mistyped character and every swap of neighbours that differ', () => {
    const code = newCouponCode(randomInt);
    for (let i = 0; i < code.length; i++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[i]) continue;
        expect(normalizeCouponCode(code.slice(0, i) + ch + code.slice(i + 1))).toBeNull();
      }
    }
    let caught = 0;
    let swaps = 0;
    for (let i = 0; i < code.length - 1; i++) {
      if (code[i] === code[i + 1]) continue;
      swaps++;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      if (normalizeCouponCode(swapped) === null) caught++;
    }
    expect(caught / Math.max(1, swaps)).toBeGreaterThan(0.8);
  });
  it('refuses what cannot be a code', () => {
    expect(normalizeCouponCode('')).toBeNull();
    expect(normalizeCouponCode('OOOO-OOOO-OOOO-O')).toBeNull();
    expect(normalizeCouponCode("' OR 1=1 --")).toBeNull();
  });
  it('are spread over the whole alphabet (a crude uniformity check)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++)
      for (const ch of newCouponCode(randomInt).slice(0, 12))
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(CODE_ALPHABET.length);
    for (const n of counts.values()) expect(n).toBeGreaterThan(900); // expected 1200 each
  });
});
