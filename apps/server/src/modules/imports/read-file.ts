import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  cellText,
  decodePieces,
  decodeText,
  detectEncoding,
  parseCsvStream,
  parseVCards,
  type Cell,
} from '@regulars/core';
import type { ImportFormat } from '@regulars/contracts';
import { AppError } from '../../http/errors';

/** A data row with its number as people see it (the sheet's row; the card's position in vCard). */
export type SourceRow = { row: number; cells: Cell[] };

export type OpenedFile = {
  format: ImportFormat;
  encoding: string | null;
  headers: string[];
  /** The data rows, read again on each call (a resumed job starts from the beginning). */
  rows(): AsyncIterable<SourceRow>;
};

/**
 * A file's bytes as the import reads them: its first megabyte (format and encoding are told from
 * it) and all of it in pieces, read again on each call — from memory, or from the database a
 * piece at a time (import-files.ts), so a large file is never held whole while it is imported.
 */
export type FileSource = { size: number; head: Buffer; pieces(): AsyncIterable<Buffer> };

const HEAD_BYTES = 1 << 20;

export const inMemory = (bytes: Buffer): FileSource => ({
  size: bytes.length,
  head: bytes.subarray(0, HEAD_BYTES),
  pieces: async function* () {
    yield bytes;
  },
});

async function wholeOf(source: FileSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of source.pieces()) parts.push(p);
  return Buffer.concat(parts);
}

/** What the bytes are: xlsx by its zip signature, vCard by its first line, else delimited text. */
export function detectFormat(bytes: Buffer, fileName: string): ImportFormat {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (
    bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])) ||
    /\.(xls|numbers|pdf)$/i.test(fileName)
  )
    throw new AppError('import.unsupported_format', { name: fileName });
  const head = bytes
    .subarray(0, 64)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*BEGIN:VCARD/i.test(head)) return 'vcard';
  return 'csv';
}

/** One cell of exceljs as our Cell: rich text joined, formulas kept as formulas, errors empty. */
function xlsxCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v)
    return { formula: String((v as { formula?: string }).formula ?? 'shared') };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return typeof v.text === 'string' ? v.text : null;
  return null;
}

function openXlsx(source: FileSource): Promise<OpenedFile> {
  const read = async function* () {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source.pieces()), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        yield { row: row.number, cells: Array.from(values, xlsxCell) };
      }
      return; // the first sheet only
    }
  };
  return withHeaders('xlsx', null, read);
}

function openCsv(source: FileSource): Promise<OpenedFile> {
  const encoding = detectEncoding(source.head);
  const read = async function* () {
    let n = 0;
    for await (const r of parseCsvStream(decodePieces(source.pieces(), encoding)))
      yield { row: ++n, cells: r.cells as Cell[] };
  };
  return withHeaders('csv', encoding, read);
}

async function openVCard(source: FileSource): Promise<OpenedFile> {
  const { text, encoding } = decodeText(await wholeOf(source));
  const { headers, rows } = parseVCards(text);
  return {
    format: 'vcard',
    encoding,
    headers,
    rows: async function* () {
      let n = 0;
      for (const cells of rows) yield { row: ++n, cells };
    },
  };
}

/** The first non-empty row names the columns; the rows after it are data. */
async function withHeaders(
  format: ImportFormat,
  encoding: string | null,
  read: () => AsyncGenerator<SourceRow>,
): Promise<OpenedFile> {
  let headers: string[] = [];
  for await (const r of read()) {
    headers = r.cells.map(cellText);
    if (headers.some((t) => t !== '')) break;
  }
  return {
    format,
    encoding,
    headers,
    rows: async function* () {
      let seenHeader = false;
      for await (const r of read()) {
        if (seenHeader) yield r;
        else seenHeader = r.cells.some((c) => cellText(c) !== '');
      }
    },
  };
}

/** Opens an uploaded file and reads its header row. */
export async function openFile(source: FileSource, fileName: string): Promise<OpenedFile> {
  const format = detectFormat(source.head, fileName);
  try {
    if (format === 'xlsx') return await openXlsx(source);
    if (format === 'vcard') return await openVCard(source);
    return await openCsv(source);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const detail = (err as Error).message.slice(0, 120);
    throw new AppError('import.unreadable', { name: fileName, detail });
  }
}
