import { describe, expect, it } from 'vitest';
import { isGsm7, smsSegments } from './sms-segments';

const han = (n: number) => '王'.repeat(n);

describe('SMS segments of Chinese text (UCS-2: 70, then 67 per part)', () => {
  it.each([
    [1, 1, 69],
    [70, 1, 0],
    [71, 2, 63],
    [134, 2, 0],
    [135, 3, 66],
    [201, 3, 0],
    [202, 4, 66],
  ])('%i characters → %i part(s), %i left', (n, parts, left) => {
    const s = smsSegments(han(n));
    expect(s).toMatchObject({ encoding: 'ucs2', parts, used: n, left });
    expect(s.perPart).toBe(n <= 70 ? 70 : 67);
  });

  it('one non-GSM character turns the whole text into UCS-2', () => {
    expect(smsSegments('Dear Mr Lin, 您好').encoding).toBe('ucs2');
    expect(smsSegments('a'.repeat(69) + '王')).toMatchObject({ parts: 1, used: 70 });
    expect(smsSegments('a'.repeat(70) + '王')).toMatchObject({ parts: 2, used: 71 });
    // ç is not in the GSM alphabet (only Ç is); neither is á
    expect(smsSegments('garçon').encoding).toBe('ucs2');
    expect(smsSegments('árbol').encoding).toBe('ucs2');
  });

  it('full-width punctuation of Chinese text is UCS-2 too', () => {
    expect(smsSegments('王先生，您好！').encoding).toBe('ucs2');
    expect(smsSegments('王先生，您好！').used).toBe(7);
  });
});

describe('emoji and other characters outside the BMP take two UCS-2 units', () => {
  it('counts a surrogate pair as two', () => {
    expect(smsSegments('😀')).toMatchObject({ encoding: 'ucs2', used: 2, parts: 1, left: 68 });
    expect(smsSegments('😀'.repeat(35))).toMatchObject({ used: 70, parts: 1, left: 0 });
  });

  it('never splits a pair between two parts', () => {
    // 33 emoji fill 66 units of a part; the 34th does not fit in the 67th unit
    expect(smsSegments('😀'.repeat(36))).toMatchObject({ used: 72, parts: 2, left: 61 });
    expect(smsSegments('😀'.repeat(66))).toMatchObject({ used: 132, parts: 2, left: 1 });
    expect(smsSegments('😀'.repeat(67))).toMatchObject({ used: 134, parts: 3, left: 65 });
  });

  it('counts a rare Han character of plane 2 as two units', () => {
    expect(smsSegments('𠀋').used).toBe(2);
  });
});

describe('GSM 7-bit text (160, then 153 per part)', () => {
  it.each([
    [0, 0, 160],
    [1, 1, 159],
    [160, 1, 0],
    [161, 2, 145],
    [306, 2, 0],
    [307, 3, 152],
  ])('%i letters → %i part(s), %i left', (n, parts, left) => {
    expect(smsSegments('a'.repeat(n))).toMatchObject({ encoding: 'gsm7', parts, used: n, left });
  });

  it('knows the whole basic alphabet, accents and Greek included', () => {
    const alphabet =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    expect([...alphabet]).toHaveLength(127); // 128 less the escape to the extension table
    expect(smsSegments(alphabet)).toMatchObject({ encoding: 'gsm7', used: 127, parts: 1 });
  });

  it('counts the extension table (€ { } [ ] ~ \\ | ^ form feed) as two septets', () => {
    for (const ch of ['€', '{', '}', '[', ']', '~', '\\', '|', '^', '\f']) {
      expect(smsSegments(ch)).toMatchObject({ encoding: 'gsm7', used: 2, left: 158 });
    }
    expect(smsSegments('Total: €5')).toMatchObject({ used: 10 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ parts: 1, used: 160, left: 0 });
  });

  it('never splits an escaped character between two parts', () => {
    // 76 € fill 152 septets of a part: the 77th goes whole into the next
    expect(smsSegments('€'.repeat(81))).toMatchObject({ parts: 2, used: 162, left: 143 });
    expect(smsSegments('a' + '{'.repeat(80))).toMatchObject({ parts: 2, used: 161, left: 145 });
    // without the rule, 'aa' and 75 { would leave one septet for half of the 76th
    expect(smsSegments('aa' + '{'.repeat(80))).toMatchObject({ parts: 2, used: 162, left: 143 });
  });

  it('tells GSM text from text that is not', () => {
    expect(isGsm7('Hello {name}, €5 off!')).toBe(true);
    expect(isGsm7('Hello`')).toBe(false);
    expect(isGsm7('退订')).toBe(false);
  });
});
