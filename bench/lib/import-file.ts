// Member files as businesses bring them: Chinese names, 09xx mobiles written every which way
// (dashes, spaces, +886, sometimes full-width digits), birthdays as 1987/5/12 or 1987-05-12,
// emails, tags, and about 0.5 % bad rows (an unreadable phone, an impossible date, a bad email) so
// validation does real work. Every mobile is distinct, so each good row is one member.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export const IMPORT_HEADERS = ['姓名', '性別', '手機', 'Email', '生日', '標籤'];
/** The mapping of IMPORT_HEADERS, column by column. */
export const IMPORT_MAPPING = ['name', 'gender', 'phone', 'email', 'birthday', 'tags'];

const SURNAMES =
  '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴';
const GIVEN =
  '家怡志明淑芬美玲俊傑建宏雅婷宗翰佩君冠宇承恩欣怡子涵柏翰品妤思妤宥廷詩涵哲瑋宇軒靜宜文彥';
const TAGS = ['VIP', '常客', '網購', '生日禮', '麻辣鍋', 'wine'];
const MAILS = ['gmail.com', 'yahoo.com.tw', 'hotmail.com', 'msa.hinet.net', 'outlook.com'];

/** A small deterministic generator (mulberry32), so files compare between runs. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fullWidth = (s: string) =>
  s.replace(/[0-9+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The i-th row (0-based) of the file for `seed`. */
export function* memberRows(count: number, seed = 1): Generator<string[]> {
  const r = random(seed);
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(r() * xs.length)]!;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  for (let i = 0; i < count; i++) {
    const name = pick(SURNAMES) + pick(GIVEN) + (r() < 0.8 ? pick(GIVEN) : '');
    // Distinct mobiles: 09 + 8 digits from i, scrambled with a fixed odd multiplier mod 10^8.
    const digits = pad((i * 7_654_321 + 13) % 100_000_000, 8);
    const national = `09${digits}`;
    const f = r();
    let phone =
      f < 0.4
        ? national
        : f < 0.7
          ? `${national.slice(0, 4)}-${national.slice(4, 7)}-${national.slice(7)}`
          : f < 0.85
            ? `+886 ${national.slice(1, 4)} ${national.slice(4, 7)} ${national.slice(7)}`
            : `${national.slice(0, 4)} ${national.slice(4)}`;
    if (r() < 0.05) phone = fullWidth(phone);
    const y = 1950 + Math.floor(r() * 56);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    let birthday = r() < 0.5 ? `${y}/${m}/${d}` : `${y}-${pad(m, 2)}-${pad(d, 2)}`;
    if (r() < 0.1) birthday = '';
    let email = r() < 0.6 ? `user${i}.${pad(Math.floor(r() * 1000), 3)}@${pick(MAILS)}` : '';
    const tags = TAGS.filter(() => r() < 0.15).join(r() < 0.5 ? ',' : '、');
    const gender = r() < 0.3 ? '' : r() < 0.5 ? '男' : '女';
    // About 0.5 % bad rows, one problem each.
    const bad = r();
    if (bad < 0.002)
      phone = `09${digits.slice(0, 5)}`; // too short
    else if (bad < 0.0035)
      birthday = `${y}/13/${d}`; // no such month
    else if (bad < 0.005) email = `user${i}@@example`; // not an email
    yield [name, gender, phone, email, birthday, tags];
  }
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes the CSV (UTF-8, CRLF, header row) to `path`; returns its size in bytes. */
export async function writeMemberCsv(path: string, count: number, seed = 1): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = IMPORT_HEADERS.join(',') + '\r\n';
  const flush = async () => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  };
  for (const row of memberRows(count, seed)) {
    chunk += row.map(csvField).join(',') + '\r\n';
    if (chunk.length > 1 << 16) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Writes the same rows as an .xlsx with exceljs's streaming writer. */
export async function writeMemberXlsx(path: string, count: number, seed = 1): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const ws = wb.addWorksheet('會員');
  ws.addRow(IMPORT_HEADERS).commit();
  for (const row of memberRows(count, seed)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}
