import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const benchDir = `${root}bench/`;

/** The benchmark scripts: the .ts files at the top of bench/ (bench/lib holds their helpers). */
function benchmarks(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function runScript(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${benchDir}${name}.ts`], {
      cwd: root, // where `--import tsx` is resolved from
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function commandBench(name: string | undefined) {
  const all = benchmarks();
  const chosen = name ? [name.replace(/\.ts$/, '')] : all;
  for (const n of chosen)
    if (!all.includes(n)) throw new Error(`no benchmark "${n}"; there are: ${all.join(', ')}`);
  const failed: string[] = [];
  for (const n of chosen) {
    // Each in its own process, one after the other: they would disturb each other's timings.
    if ((await runScript(n)) !== 0) failed.push(n);
    console.log('');
  }
  if (failed.length) throw new Error(`benchmark failed: ${failed.join(', ')}`);
}
