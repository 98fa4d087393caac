import { expect } from 'vitest';
import type { Caller, TestApp } from '../../../../../test/app';

/** Uploads bytes as a file, starts the import with its suggested (or given) mapping, waits. */
export async function importFile(
  t: TestApp,
  who: Caller,
  name: string,
  bytes: Buffer,
  opts: { matchBy?: string; dryRun?: boolean; mapping?: (string | null)[]; kind?: string } = {},
) {
  const up = await who.inject({
    method: 'POST',
    url: `/api/imports?fileName=${encodeURIComponent(name)}&kind=${opts.kind ?? 'members'}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  expect(up.statusCode, up.body).toBe(200);
  const view = up.json();
  const start = await who.inject({
    method: 'POST',
    url: `/api/imports/${view.importId}/start`,
    payload: {
      mapping: opts.mapping ?? view.mapping,
      matchBy: opts.matchBy ?? 'phone',
      dryRun: opts.dryRun ?? false,
    },
  });
  expect(start.statusCode, start.body).toBe(200);
  return { upload: view, result: await waitDone(who, view.importId) };
}

export async function waitDone(who: Caller, importId: string) {
  for (let i = 0; i < 200; i++) {
    const res = await who.inject({ url: `/api/imports/${importId}` });
    const v = res.json();
    if (v.status === 'done' || v.status === 'failed') return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

export async function rejectsOf(who: Caller, importId: string) {
  const res = await who.inject({ url: `/api/imports/${importId}/rejects?limit=1000` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    row: number;
    column: string;
    value: string;
    reason: string;
    message: string;
  }[];
}

export const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
