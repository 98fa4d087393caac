/**
 * Reads CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks) one
 * record at a time, with the line number where each record starts. The separator is guessed
 * from the first line (comma, semicolon or tab) unless given.
 */
export function* parseCsv(
  text: string,
  opts: { separator?: string } = {},
): Generator<{ line: number; cells: string[] }> {
  const sep = opts.separator ?? guessSeparator(text);
  const n = text.length;
  let i = 0;
  let line = 1;
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
            cell += text.slice(i);
            i = n;
            break;
          }
          cell += text.slice(i, q);
          i = q + 1;
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
      cell += text.slice(i, j);
      cells.push(cell);
      cell = '';
      i = j;
      if (i >= n) ended = true;
      else if (text[i] === sep) i++;
      else {
        if (text[i] === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        ended = true;
      }
    }
    yield { line: start, cells };
  }
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
