import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { freshDatabase } from '../../../test/db';

// Each case starts the `regulars` command in child processes (TypeScript loading, database,
// job queue): on a busy two-core machine that takes far longer than an in-process test.
vi.setConfig({ testTimeout: 180_000 });

const bin = fileURLToPath(new URL('../bin/regulars.js', import.meta.url));
let database: Awaited<ReturnType<typeof freshDatabase>>;
const dir = mkdtempSync(join(tmpdir(), 'regulars-import-'));
const file = join(dir, 'members.csv');

beforeAll(async () => {
  database = await freshDatabase();
  writeFileSync(
    file,
    '\uFEFF姓名,手機,生日\r\n王小明,0912-345-678,1987/5/12\r\n陳美麗,0922333444,1990-01-02\r\n壞資料,123,\r\n',
  );
});
afterAll(() => database.drop());

const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: 'utf8',
    timeout: 60_000,
  });

it('imports a file with a summary, reports rejected rows in a file, and exits 2 for them', () => {
  expect(run(['demo', '--json', '--no-wait']).status).toBe(0);
  const none = run(['import', file, '--tenant', 'nosuch']);
  expect(none.status).toBe(1);
  expect(none.stderr).toContain('no business with the code "nosuch"');

  const dry = run(['import', file, '--dry-run', '--json']);
  expect(dry.status, dry.stderr).toBe(2);
  expect(JSON.parse(dry.stdout).counts).toMatchObject({ created: 2, rejected: 1 });

  const real = run(['import', file, '--tenant', 'hotpot']);
  expect(real.status, real.stderr).toBe(2);
  expect(real.stdout).toContain('2 created, 0 updated, 0 unchanged, 1 rejected');
  expect(real.stderr).toContain('手機                   → phone');
  expect(real.stderr).toMatch(/3\/3 rows/);
  expect(existsSync(`${file}.rejected.csv`)).toBe(true);
  expect(readFileSync(`${file}.rejected.csv`, 'utf8')).toContain('phone.invalid');

  const again = run(['import', file, '--json']);
  expect(JSON.parse(again.stdout).counts).toMatchObject({ created: 0, unchanged: 2 });
});

it('imports products and purchases with --kind', () => {
  const products = join(dir, 'products.csv');
  writeFileSync(
    products,
    '貨號,品名,售價,分類\r\nCLI-1,測試鍋底,380,鍋底/測試\r\nCLI-2,測試丸,abc,\r\n',
  );
  const p = run(['import', products, '--kind', 'products', '--tenant', 'hotpot', '--json']);
  expect(p.status, p.stderr).toBe(2);
  expect(JSON.parse(p.stdout)).toMatchObject({
    kind: 'products',
    counts: { created: 1, rejected: 1 },
  });
  const orders = join(dir, 'orders.csv');
  writeFileSync(
    orders,
    'Order no,Mobile,Date,SKU,Qty,Unit price\r\n' +
      'CLI-A,0912-345-678,2024/5/12 19:00,CLI-1,2,380\r\nCLI-A,0912-345-678,2024/5/12 19:00,CLI-1,1,380\r\n',
  );
  const o = run(['import', orders, '--kind', 'purchases', '--tenant', 'hotpot']);
  expect(o.status, o.stderr).toBe(0);
  expect(o.stdout).toContain('1 created');
  const again = run(['import', orders, '--kind', 'purchases', '--tenant', 'hotpot', '--json']);
  expect(JSON.parse(again.stdout).counts).toMatchObject({ created: 0, unchanged: 1 });
  expect(run(['import', orders, '--kind', 'orders']).stderr).toContain('--kind must be one of');
});
