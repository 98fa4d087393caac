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
 * Bytes of a text file as Excel and phones write it in Taiwan and China: UTF-8 (with or without
 * BOM), Big5 or GBK. UTF-8 wins when the bytes are (almost all) valid UTF-8; a few invalid
 * sequences then become U+FFFD, which the import reports as "wrong encoding" on their rows.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  // Excel's "Unicode text" is UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  let invalid = 0;
  let nonAscii = 0;
  for (const ch of utf8) {
    if (ch === '\uFFFD') invalid++;
    else if (ch.charCodeAt(0) > 0x7f) nonAscii++;
  }
  if (invalid === 0 || invalid * 3 < nonAscii) return { text: utf8, encoding: 'utf-8' };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sample = buf.subarray(0, 256 * 1024);
  const big5 = score(iconv.decode(sample, 'big5'));
  const gbk = score(iconv.decode(sample, 'gbk'));
  const encoding: TextEncoding = big5 >= gbk ? 'big5' : 'gbk';
  return { text: iconv.decode(buf, encoding), encoding };
}

/** Text encoded for a legacy spreadsheet (tests and exports to old Excel). */
export const encodeText = (text: string, encoding: Exclude<TextEncoding, 'utf-16'>): Buffer =>
  iconv.encode(text, encoding);
