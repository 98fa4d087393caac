import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  seedTenant,
  signIn,
  type Caller,
  type TestApp,
} from '../../../../../test/app';
import { csv } from './import-test-kit';
import { runMemberImport } from './import.job';

let t: TestApp;

// The worker does not run here: the test runs the job itself, and kills it.
beforeAll(async () => {
  t = await createTestApp({ work: false });
});
afterAll(() => t.close());

/** 23 rows: new members, updates of existing ones, bad rows and duplicates, in no order. */
const file = Buffer.from(
  csv([
    ['姓名', '手機', '標籤', '生日'],
    ...Array.from({ length: 23 }, (_, i) => {
      if (i % 7 === 3) return [`壞${i}`, '123', '', ''];
      if (i % 6 === 5) return [`重複${i}`, `09120000${String(i - 5).padStart(2, '0')}`, '', ''];
      return [
        `會員${i}`,
        `09120000${String(i).padStart(2, '0')}`,
        i % 2 ? 'A' : 'B',
        `1990/1/${(i % 28) + 1}`,
      ];
    }),
  ]),
);

async function prepare(
  slug: string,
): Promise<{ caller: Caller; tenantId: string; importId: string }> {
  const { tenantId } = await seedTenant(t.ctx, slug);
  const caller = await signIn(t.app, slug, `admin@${slug}.test`);
  await caller.inject({
    method: 'POST',
    url: '/api/members',
    payload: { name: '舊會員', phone: '0912000002', tags: ['X'] },
  });
  const up = await caller.inject({
    method: 'POST',
    url: '/api/imports?fileName=m.csv',
    headers: { 'content-type': 'text/csv' },
    payload: file,
  });
  const importId = up.json().importId;
  const start = await caller.inject({
    method: 'POST',
    url: `/api/imports/${importId}/start`,
    payload: { mapping: up.json().mapping, matchBy: 'phone' },
  });
  expect(start.statusCode, start.body).toBe(200);
  return { caller, tenantId, importId };
}

async function endState(p: { caller: Caller; importId: string }) {
  const imp = (await p.caller.inject({ url: `/api/imports/${p.importId}` })).json();
  const members = (await p.caller.inject({ url: '/api/members?limit=200' })).json().items as Record<
    string,
    unknown
  >[];
  const rejects = (await p.caller.inject({ url: `/api/imports/${p.importId}/rejects` })).json()
    .items;
  return {
    status: imp.status,
    counts: imp.counts,
    rowsDone: imp.rowsDone,
    rejects,
    members: members
      .map((m) => [m.name, m.phone, (m.tags as string[]).join('|'), m.birthday])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
  };
}

it('resumes an import killed halfway: no duplicates, the same end state as a clean run', async () => {
  const clean = await prepare('clean');
  await runMemberImport(t.ctx, clean.tenantId, clean.importId, { batchSize: 5 });
  const expected = await endState(clean);
  expect(expected.counts).toEqual({
    created: 17,
    updated: 1,
    unchanged: 0,
    rejected: 5,
    skipped: 0,
  });

  const killed = await prepare('killed');
  const kill = (batch: number) => {
    if (batch === 2) throw new Error('killed');
  };
  await expect(
    runMemberImport(t.ctx, killed.tenantId, killed.importId, { batchSize: 5, afterBatch: kill }),
  ).rejects.toThrow('killed');
  const halfway = (await killed.caller.inject({ url: `/api/imports/${killed.importId}` })).json();
  expect(halfway).toMatchObject({ status: 'failed', rowsDone: 10, totalRows: 23 });
  expect(halfway.progress).toBeCloseTo(10 / 23);

  // Run again (as the queue's retry would), and once more (a job may run twice).
  await runMemberImport(t.ctx, killed.tenantId, killed.importId, { batchSize: 5 });
  await runMemberImport(t.ctx, killed.tenantId, killed.importId, { batchSize: 5 });
  const after = await endState(killed);
  expect(after).toEqual(expected);
  expect(after.status).toBe('done');
  expect(new Set(after.members.map((m) => m[1])).size).toBe(after.members.length);
  expect(after.members).toHaveLength(18);
});
