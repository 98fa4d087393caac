import type { DemoProgress } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext } from '../../http/context';

export type DemoRow = {
  state: 'queued' | 'running' | 'done' | 'failed';
  members: number;
  anchor_at: Date;
  phase: string;
  done: number;
  total: number;
  import_id: string | null;
  error: string | null;
};

/** How long a run may go without reporting before another run may take over. */
const LEASE = sql`interval '60 seconds'`;

/** The demo's progress row, created queued with its size and the moment its history ends. */
export async function ensureDemoRow(
  tx: Tx,
  tenantId: string,
  members: number,
  anchor: Date,
): Promise<void> {
  await sql`INSERT INTO demo_data (tenant_id, members, anchor_at) VALUES (${tenantId}, ${members}, ${anchor})
            ON CONFLICT (tenant_id) DO NOTHING`.execute(tx);
}

/** Takes the lease unless the data is complete or another run holds it. */
export async function claimDemo(tx: Tx): Promise<DemoRow | 'done' | 'busy'> {
  const r = await sql<DemoRow>`
    UPDATE demo_data SET state = 'running', error = NULL, lease_until = now() + ${LEASE},
      started_at = coalesce(started_at, now())
    WHERE state <> 'done' AND (lease_until IS NULL OR lease_until < now())
    RETURNING *`.execute(tx);
  if (r.rows[0]) return r.rows[0];
  const row = await sql<DemoRow>`SELECT * FROM demo_data`.execute(tx);
  return row.rows[0]?.state === 'done' ? 'done' : 'busy';
}

export async function reportDemo(
  tx: Tx,
  p: { phase: string; done: number; total: number },
): Promise<void> {
  await sql`UPDATE demo_data SET phase = ${p.phase}, done = ${p.done}, total = ${p.total},
              lease_until = now() + ${LEASE}`.execute(tx);
}

export async function finishDemo(tx: Tx, error: string | null): Promise<void> {
  await sql`UPDATE demo_data SET lease_until = NULL,
              state = ${error ? 'failed' : 'done'}, error = ${error},
              done = CASE WHEN ${error}::text IS NULL THEN total ELSE done END,
              finished_at = CASE WHEN ${error}::text IS NULL THEN now() END`.execute(tx);
}

export async function setDemoImport(tx: Tx, importId: string): Promise<void> {
  await sql`UPDATE demo_data SET import_id = ${importId}`.execute(tx);
}

/** GET /api/demo/progress: what the admin and `regulars demo` show while the job runs. */
export async function demoProgress(ctx: AppContext, tenantId: string): Promise<DemoProgress> {
  const row = await ctx.db.withTenant(
    tenantId,
    async (tx) => (await sql<DemoRow>`SELECT * FROM demo_data`.execute(tx)).rows[0],
  );
  if (!row) return { state: 'none', phase: '', done: 0, total: 0, error: null };
  return {
    state: row.state,
    phase: row.phase,
    done: row.done,
    total: row.total,
    error: row.error,
  };
}
