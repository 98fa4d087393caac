type Cursor = { pos: number; line: number };

/**
 * The records of `text` from `at.pos`, advancing `at` past each one. Unless `final`, a record
 * that may go on in the next piece of text (no line end yet, an open quote, a lone CR or quote at
 * the end) is left for later: `at` stays at its start.
 */
function* records(
  text: string,
  sep: string,
  final: boolean,
  at: Cursor,
): Generator<{ line: number; cells: string[] }> {
  const n = text.length;
  let i = at.pos;
  let line = at.line;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let ended = false;
    while (!ended) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (!final) return;
            cell += text.slice(i);
            i = n;
            break;
          }
          cell += text.slice(i, q);
          i = q + 1;
          if (i >= n && !final) return;
          if (text[i] === '"') {
            cell += '"';
            i++;
          } else break;
        }
        line += countNewlines(cell);
      }
      // Up to the next separator or line end (text after a closing quote is kept).
      let j = i;
      while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j++;
      if (j >= n && !final) return;
      cell += text.slice(i, j);
      cells.push(cell);
      cell = '';
      i = j;
      if (i >= n) ended = true;
      else if (text[i] === sep) i++;
      else {
        if (text[i] === '\r' && i + 1 >= n && !final) return;
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        ended = true;
      }
    }
    at.pos = i;
    at.line = line;
    yield { line: start, cells };
  }
}

/**
 * Reads CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks) one
 * record at a time, with the line number where each record starts. The separator is guessed
 * from the first line (comma, semicolon or tab) unless given.
 */
export function parseCsv(
  text: string,
  opts: { separator?: string } = {},
): Generator<{ line: number; cells: string[] }> {
  return records(text, opts.separator ?? guessSeparator(text), true, { pos: 0, line: 1 });
}

/**
 * parseCsv over text that arrives in pieces (a file decoded as it is read): only the record
 * being read and the current piece are held.
 */
export async function* parseCsvStream(
  pieces: AsyncIterable<string>,
  opts: { separator?: string } = {},
): AsyncGenerator<{ line: number; cells: string[] }> {
  let buf = '';
  let line = 1;
  let sep = opts.separator;
  const take = function* (final: boolean) {
    sep ??= guessSeparator(buf);
    const at = { pos: 0, line };
    yield* records(buf, sep, final, at);
    buf = buf.slice(at.pos);
    line = at.line;
  };
  for await (const piece of pieces) {
    buf += piece;
    if (!sep && !/[\r\n]/.test(buf) && buf.length < 65_536) continue; // the first line decides
    yield* take(false);
  }
  yield* take(true);
}

const countNewlines = (s: string) => {
  let c = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) c++;
  return c;
};

function guessSeparator(text: string): string {
  const first = text.slice(0, Math.max(0, text.search(/\r?\n/)) || 4096);
  const count = (ch: string) => first.split(ch).length - 1;
  const best = [',', ';', '\t'].map((s) => [s, count(s)] as const).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** One CSV line: cells quoted when they hold a separator, quote or line break. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return (
    cells
      .map((c) => {
        const s = c === null || c === undefined ? '' : String(c);
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}
