import { describe, expect, it } from 'vitest';
import { maskPhone } from './phone';
import { phoneDisplay } from './phone-display';

describe('phone numbers as staff see them', () => {
  it.each([
    ['+886912345678', 'TW', '0912-345-678', '0912-***-678'],
    ['+886223456789', 'TW', '02-2345-6789', '02-****-6789'],
    ['+8613800138000', 'CN', '138-0013-8000', '138-****-8000'],
    ['+8613800138000', 'TW', '+86 138-0013-8000', '+86 138-****-8000'],
    ['+886912345678', 'CN', '+886 912-345-678', '+886 912-***-678'],
    ['+85291234567', 'HK', '9123-4567', '91**-**67'],
    ['+85291234567', 'TW', '+852 9123-4567', '+852 91**-**67'],
  ])('%s in %s: %s, masked %s', (e164, home, display, masked) => {
    expect(phoneDisplay(e164, home)).toEqual({ display, masked });
  });

  it('hides the same digits it shows, group for group', () => {
    for (const [e164, home] of [
      ['+886912345678', 'TW'],
      ['+8613800138000', 'TW'],
      ['+85291234567', 'HK'],
    ] as const) {
      const { display, masked } = phoneDisplay(e164, home);
      expect(masked.length).toBe(display.length);
      [...masked].forEach((c, i) => c !== '*' && expect(c).toBe(display[i]));
    }
  });

  it('agrees with the masking used elsewhere for domestic numbers', () => {
    for (const e164 of ['+886912345678', '+886223456789', '+8613800138000'])
      expect(phoneDisplay(e164).masked).toBe(maskPhone(e164));
  });

  it('keeps what it cannot read, and an unknown home country reads as international', () => {
    expect(phoneDisplay('12345', 'TW')).toEqual({ display: '12345', masked: '***' });
    expect(phoneDisplay('+886912345678', 'ZZ').display).toBe('+886 912-345-678');
  });
});
