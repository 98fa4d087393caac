import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16' | 'big5' | 'gbk';

/**
 * Characters that fill real member lists — common surnames and given-name characters, header
 * words — in both traditional and simplified forms. Text decoded with the wrong legacy encoding
 * turns into rare characters, so the share of these tells Big5 from GBK.
 */
const COMMON = new Set(
  (
    '的一是不了人我在有他這这中大來来上國国個个到說说們们為为子和你地出道也時时年' +
    '王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何林高羅罗鄭郑梁謝谢宋唐許许韓韩' +
    '曾彭蔡潘田董袁于余葉叶蔣蒋杜蘇苏魏程呂吕丁沈任姚盧卢傅鍾钟姜崔譚谭廖范汪陸陆金石戴賈贾' +
    '小明華华美麗丽玲芳英文志偉伟建國家秀珍雅婷怡君宏俊傑杰淑惠慧娟敏靜静欣佳宇豪' +
    '姓名字手機机電电話话生日期性別别男女地址信箱郵邮件號号碼码會员員標标籤签備备註注先小姐台北市區区路街'
  ).split(''),
);

function score(text: string): number {
  let han = 0;
  let common = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad++;
    else if (c >= 0x3400 && c <= 0x9fff) {
      han++;
      if (COMMON.has(ch)) common++;
    }
  }
  return han === 0 ? -bad : common / han - bad / Math.max(han, 1);
}

/**
 * The encoding of a text file as Excel and phones write it in Taiwan and China, from its first
 * bytes (a megabyte tells): UTF-16 or UTF-8 by their byte-order marks; UTF-8 when the bytes are
 * (almost all) valid UTF-8 — a few invalid sequences then become U+FFFD, which the import reports
 * as "wrong encoding" on their rows; else Big5 or GBK, whichever reads as more common characters.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return 'utf-16';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // A multi-byte character cut at the end of the sample is not a sign of anything.
  const utf8 = new TextDecoder('utf-8').decode(head.subarray(0, head.length - 3));
  let invalid = 0;
  let nonAscii = 0;
  for (const ch of utf8) {
    if (ch === '\uFFFD') invalid++;
    else if (ch.charCodeAt(0) > 0x7f) nonAscii++;
  }
  if (invalid === 0 || invalid * 3 < nonAscii) return 'utf-8';
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength).subarray(0, 256 * 1024);
  return score(iconv.decode(buf, 'big5')) >= score(iconv.decode(buf, 'gbk')) ? 'big5' : 'gbk';
}

/** Decodes a file that arrives in pieces, holding no more than a piece (byte-order marks dropped). */
export async function* decodePieces(
  pieces: AsyncIterable<Uint8Array>,
  encoding: TextEncoding,
): AsyncGenerator<string> {
  if (encoding === 'big5' || encoding === 'gbk') {
    const decoder = iconv.getDecoder(encoding);
    for await (const p of pieces) yield decoder.write(Buffer.from(p));
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  let decoder: TextDecoder | null = null;
  for await (const p of pieces) {
    // UTF-16's byte order is in its mark: FF FE little-endian, FE FF big-endian.
    decoder ??= new TextDecoder(
      encoding === 'utf-8' ? 'utf-8' : p[0] === 0xfe ? 'utf-16be' : 'utf-16le',
    );
    yield decoder.decode(p, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

/** A whole text file decoded (see detectEncoding): for small files such as vCards. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes.length > 3 ? bytes : new Uint8Array([...bytes, 0, 0, 0]));
  if (encoding === 'big5' || encoding === 'gbk')
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding),
      encoding,
    };
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  const label = encoding === 'utf-8' ? 'utf-8' : be ? 'utf-16be' : 'utf-16le';
  return { text: new TextDecoder(label).decode(le || be ? bytes.subarray(2) : bytes), encoding };
}

/** Text encoded for a legacy spreadsheet (tests and exports to old Excel). */
export const encodeText = (text: string, encoding: Exclude<TextEncoding, 'utf-16'>): Buffer =>
  iconv.encode(text, encoding);
