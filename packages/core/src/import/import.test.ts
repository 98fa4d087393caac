import { describe, expect, it } from 'vitest';
import {
  csvLine,
  decodeText,
  encodeText,
  looksLikeFormula,
  neutralizeCell,
  normalizeMemberRow,
  parseCsv,
  parseCsvStream,
  parseVCards,
  suggestMapping,
  type MemberRowContext,
} from './index';

const rows = (text: string) => [...parseCsv(text)];

describe('CSV', () => {
  it('reads quoted cells with separators, quotes and line breaks, with line numbers', () => {
    const r = rows('a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\n');
    expect(r).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, cells: ['1', '', '3'] },
    ]);
  });
  it('guesses semicolon and tab separators', () => {
    expect(rows('a;b\n1;2')[1]!.cells).toEqual(['1', '2']);
    expect(rows('a\tb\n1\t2')[1]!.cells).toEqual(['1', '2']);
  });
  it('reads the same from pieces cut anywhere (quotes, doubled quotes, CRLF)', async () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n1,,3\r\n"",z,"q"';
    const whole = rows(text);
    const pieces = async function* (cuts: number[]) {
      let at = 0;
      for (const c of [...cuts, text.length]) {
        yield text.slice(at, c);
        at = c;
      }
    };
    for (let i = 0; i <= text.length; i++)
      for (const j of [i, Math.min(text.length, i + 1), Math.min(text.length, i + 7)]) {
        const got = [];
        for await (const r of parseCsvStream(pieces([i, j]))) got.push(r);
        expect(got, `cut at ${i}, ${j}`).toEqual(whole);
      }
  });
  it('writes cells back so they read the same', () => {
    const cells = ['x, y', 'say "hi"', 'two\nlines', ''];
    expect(rows(csvLine(cells))[0]!.cells).toEqual(cells);
  });
});

describe('encodings', () => {
  const text = '姓名,手機,生日\n王小明,0912345678,1987/5/12\n陳美麗,0922333444,76/05/12\n';
  it('reads UTF-8 with and without BOM', () => {
    const utf8 = Buffer.from(text);
    expect(decodeText(utf8)).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])).text).toBe(text);
  });
  it('tells Big5 from GBK', () => {
    expect(decodeText(encodeText(text, 'big5'))).toEqual({ text, encoding: 'big5' });
    const simplified = '姓名,手机,生日\n王小明,13800138000,1987-05-12\n陈丽,13900139000,1990/1/2\n';
    expect(decodeText(encodeText(simplified, 'gbk'))).toEqual({
      text: simplified,
      encoding: 'gbk',
    });
  });
  it("reads Excel's UTF-16 text", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(utf16)).toEqual({ text, encoding: 'utf-16' });
  });
  it('keeps a mostly UTF-8 file as UTF-8 and marks the bad bytes', () => {
    const good = Array.from({ length: 30 }, (_, i) => `王小明${i},0912345678\n`).join('');
    const bytes = Buffer.concat([Buffer.from(good), encodeText('陳美麗,0922333444\n', 'big5')]);
    const r = decodeText(bytes);
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toContain('\uFFFD');
  });
});

describe('mapping suggestions', () => {
  it('recognise headers in three languages and custom fields', () => {
    const custom = [{ key: 'spicy', label: { 'zh-TW': '辣度', 'zh-CN': '辣度', en: 'Spiciness' } }];
    expect(
      suggestMapping(
        ['姓名', '手机', 'E-mail', '生日（必填）', 'Spiciness', '備註', '名字'],
        custom,
      ),
    ).toEqual(['name', 'phone', 'email', 'birthday', 'custom.spicy', null, null]);
    expect(suggestMapping(['Name', 'Mobile', 'Birthday', 'Tags', '標籤'], [])).toEqual([
      'name',
      'phone',
      'birthday',
      'tags',
      'tags',
    ]);
  });
});

describe('formula cells', () => {
  it('are neutralised on export and recognised on import', () => {
    expect(neutralizeCell('=1+1')).toBe("'=1+1");
    expect(neutralizeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeCell('\tx')).toBe("'\tx");
    expect(neutralizeCell('王小明')).toBe('王小明');
    expect(neutralizeCell('+886912345678')).toBe('+886912345678');
    expect(neutralizeCell('+cmd|x')).toBe("'+cmd|x");
    expect(neutralizeCell('-1+SUM(A1)')).toBe("'-1+SUM(A1)");
    expect(looksLikeFormula('=HYPERLINK("x")')).toBe(true);
    expect(looksLikeFormula('+cmd')).toBe(true);
    expect(looksLikeFormula('+886 912 345 678')).toBe(false);
    expect(looksLikeFormula('-5')).toBe(false);
  });
});

describe('member rows', () => {
  const ctx: MemberRowContext = {
    phoneCountry: 'TW',
    rocDates: false,
    customDefs: [
      { key: 'level', type: 'choice', options: [{ value: 'gold' }], required: false, active: true },
      { key: 'visits', type: 'number', options: [], required: false, active: true },
    ],
    stores: new Map([['a', 'store-a']]),
  };
  const mapping = [
    'name',
    'phone',
    'birthday',
    'gender',
    'homeStore',
    'custom.level',
    'custom.visits',
    'tags',
    'consent.sms',
  ];
  it('normalise full-width text, phones, dates, genders, stores, custom values', () => {
    const r = normalizeMemberRow(
      [
        '　王小明　',
        '０９１２－３４５－６７８',
        31909,
        '男',
        'A',
        'gold',
        '1,234',
        'VIP、火鍋',
        '是',
      ],
      mapping,
      ctx,
    );
    expect(r).toEqual({
      kind: 'ok',
      values: {
        name: '王小明',
        phone: '+886912345678',
        birthday: '1987-05-12',
        gender: 'male',
        homeStoreId: 'store-a',
        custom: { level: 'gold', visits: 1234 },
        tags: ['VIP', '火鍋'],
        consents: { sms: true },
        otherPhones: [],
      },
    });
  });
  it('report each problem with its column', () => {
    const r = normalizeMemberRow(
      ['=cmd|x', '12', '76/05/12', '?', 'Z', 'silver', 'many', 'x'.repeat(41), 'maybe'],
      mapping,
      ctx,
    );
    expect(r.kind === 'rejected' && r.problems.map((p) => [p.column, p.reason])).toEqual([
      [0, 'value.formula'],
      [1, 'phone.invalid'],
      [2, 'date.roc_disabled'],
      [3, 'gender.invalid'],
      [4, 'store.unknown'],
      [7, 'value.too_long'],
      [8, 'value.not_boolean'],
      [5, 'value.unknown_option'],
      [6, 'value.not_number'],
    ]);
  });
  it('mark NUL characters and invalid dates instead of failing', () => {
    const r = normalizeMemberRow(['a\u0000b', '0912345678', new Date(NaN)], mapping, ctx);
    expect(r.kind === 'rejected' && r.problems.map((p) => [p.column, p.reason])).toEqual([
      [0, 'encoding.invalid'],
      [2, 'date.invalid'],
    ]);
  });
  it('skip empty rows and placeholders', () => {
    expect(normalizeMemberRow(['', '-', null], mapping, ctx)).toEqual({ kind: 'empty' });
  });
});

describe('vCard', () => {
  it('reads iPhone 3.0 and Android 2.1 quoted-printable cards', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:王;小明;;;',
      'FN:王小明',
      'TEL;type=CELL;type=VOICE;type=pref:0912-345-678',
      'TEL;type=HOME:02-2345-6789',
      'EMAIL;type=INTERNET:wang@example.com',
      'BDAY:1987-05-12',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=99=B3;=E7=BE=8E=E9=BA=97;;;',
      'TEL;CELL:+886922333444',
      'END:VCARD',
    ].join('\r\n');
    expect(parseVCards(text).rows).toEqual([
      ['王小明', '0912-345-678', '02-2345-6789', 'wang@example.com', '1987-05-12', null],
      ['陳美麗', '+886922333444', null, null, null, null],
    ]);
  });
});
