import { describe, expect, it } from 'vitest';
import { cardNumber, isValidCardNumber, luhnDigit } from './card-number';
import { parseDate } from './dates';
import { maskAddress, maskEmail } from './masking';
import { addressAs, surnameOf } from './names';
import { nameSearchKeys } from './pinyin';
import { cleanText, toHalfWidth } from './text';

describe('names', () => {
  it.each([
    ['王小明', { full: 'wangxiaoming', initials: 'wxm' }],
    ['曾國藩', { full: 'zengguofan', initials: 'zgf' }],
    ['单大为', { full: 'shandawei', initials: 'sdw' }],
    ['林美玲', { full: 'linmeiling', initials: 'lml' }],
    ['呂小綠', { full: 'lvxiaolv', initials: 'lxl' }],
    ['Amy 陳', { full: 'amychen', initials: 'ac' }],
  ])('%s is found by its pinyin', (name, keys) => {
    expect(nameSearchKeys(name)).toEqual(keys);
  });

  it('finds the surname, compound ones included', () => {
    expect(surnameOf('王小明')).toBe('王');
    expect(surnameOf('歐陽娜娜')).toBe('歐陽');
    expect(surnameOf('John Smith')).toBe('');
  });

  it.each([
    ['王小明', 'male', 'zh-TW', '王先生'],
    ['林美玲', 'female', 'zh-CN', '林小姐'],
    ['歐陽娜娜', 'female', 'zh-TW', '歐陽小姐'],
    ['王小明', 'unknown', 'zh-TW', '王小明'],
    ['王小明', 'male', 'en', 'Mr Wang'],
    ['John Smith', 'male', 'en', 'Mr Smith'],
    ['John Smith', 'male', 'zh-TW', 'John Smith'],
  ] as const)('%s (%s, %s) is addressed as %s', (name, gender, lang, expected) => {
    expect(addressAs(name, gender, lang)).toBe(expected);
  });
});

describe('card numbers', () => {
  it('end in a Luhn check digit', () => {
    expect(luhnDigit('7992739871')).toBe(3); // the textbook example
    expect(cardNumber(1)).toBe('0000000018');
    expect(isValidCardNumber(cardNumber(123456))).toBe(true);
  });
  it('catch a mistyped digit and swapped neighbours', () => {
    const n = cardNumber(4711);
    for (let i = 0; i < n.length; i++) {
      const wrong = n.slice(0, i) + ((Number(n[i]) + 1) % 10) + n.slice(i + 1);
      expect(isValidCardNumber(wrong), wrong).toBe(false);
    }
    const swapped = n.slice(0, 6) + n[7] + n[6] + n.slice(8);
    if (swapped !== n) expect(isValidCardNumber(swapped)).toBe(false);
  });
});

describe('dates from real sheets', () => {
  const ad = { rocDates: false };
  const roc = { rocDates: true };
  it.each([
    ['1987/5/12', ad, '1987-05-12'],
    ['1987-05-12', ad, '1987-05-12'],
    ['1987.5.12', ad, '1987-05-12'],
    ['19870512', ad, '1987-05-12'],
    ['1987年5月12日', ad, '1987-05-12'],
    ['１９８７／５／１２', ad, '1987-05-12'],
    ['76/05/12', roc, '1987-05-12'],
    ['76/5/12', roc, '1987-05-12'],
    ['105/02/29', roc, '2016-02-29'],
    ['民國76年5月12日', ad, '1987-05-12'],
    [31909, ad, '1987-05-12'],
    ['31909', ad, '1987-05-12'],
  ] as const)('%s → %s', (input, opts, iso) => {
    expect(parseDate(input, opts)).toEqual({ ok: true, date: iso });
  });
  it.each([
    ['76/05/12', ad],
    ['1987/2/30', ad],
    ['1987/13/1', ad],
    ['106/02/29', roc],
    ['yesterday', ad],
    ['', ad],
    [0, ad],
  ] as const)('rejects %j', (input, opts) => {
    expect(parseDate(input, opts).ok).toBe(false);
  });
});

describe('masking and text', () => {
  it('masks emails and addresses', () => {
    expect(maskEmail('wang.xm@example.com')).toBe('w***@example.com');
    expect(maskAddress('台北市信義區松壽路12號')).toBe('台北市信義區***');
  });
  it('turns full-width text half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('ABC123@example.com');
    expect(cleanText('  王　小明 \t ')).toBe('王 小明');
  });
});
