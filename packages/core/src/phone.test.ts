import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone';

const e164 = (input: string, country = 'TW') => {
  const r = normalizePhone(input, country);
  return r.ok ? r.phone.e164 : r.reason;
};

describe('phone numbers as people write them', () => {
  it.each([
    ['0912-345-678', 'TW', '+886912345678'],
    ['0912345678', 'TW', '+886912345678'],
    ['+886 912 345 678', 'TW', '+886912345678'],
    ['+886-912-345-678', 'CN', '+886912345678'],
    ['０９１２－３４５－６７８', 'TW', '+886912345678'],
    ['(02) 2345-6789', 'TW', '+886223456789'],
    ['138 0013 8000', 'CN', '+8613800138000'],
    ['138 0013 8000', 'TW', '+8613800138000'],
    ['+86 138-0013-8000', 'TW', '+8613800138000'],
    ['9123 4567', 'HK', '+85291234567'],
  ])('%s (%s) → %s', (input, country, expected) => {
    expect(e164(input, country)).toBe(expected);
  });

  it.each(['', 'abc', '12', '0912-345', '+886 12', '=HYPERLINK("x")'])('rejects %j', (input) => {
    expect(e164(input)).toBe('phone.invalid');
  });

  it('keeps the country and the national form', () => {
    const r = normalizePhone('0912345678', 'TW');
    expect(r.ok && r.phone).toEqual({
      e164: '+886912345678',
      country: 'TW',
      national: '0912 345 678',
    });
  });
});

describe('masked phone numbers', () => {
  it.each([
    ['+886912345678', '0912-***-678'],
    ['+8613800138000', '138-****-8000'],
    ['+886223456789', '02-****-6789'],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });
});
