import { sql } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { systemActor } from '../../platform/audit';
import {
  addAnniversary,
  addNote,
  addRelation,
  createProduct,
  createTask,
  listCategories,
  recordPurchases,
  saveCategory,
} from '../members/demo-services';
import { DEMO_CATEGORIES, DEMO_PRODUCTS, TWD } from './demo-catalog';
import type { DemoPlan } from './demo-plan';

/** What the writers need: the plan, who acts, and how to report progress. */
export type DemoRun = {
  ctx: AppContext;
  tenantId: string;
  plan: DemoPlan;
  anchor: Date;
  start: Date;
  storeIds: Map<string, string>;
  /** The demo staff, admin first; notes and tasks are theirs. */
  staff: AuthContext[];
  importId: string | null;
  /** Counts one more unit done (written or found already written). */
  tick: (n?: number) => void;
  /** Called at batch boundaries: where a test "kills" the job. */
  step: (phase: string) => void;
};

/** A context whose clock reads `at`: what the service writes is dated then. */
export const at = (ctx: AppContext, when: Date): AppContext => ({
  ...ctx,
  clock: { now: () => when },
});

export const systemAuth = (tenantId: string, name: string, staff: AuthContext): AuthContext => ({
  ...staff,
  kind: 'api_key',
  actor: systemActor(name),
});

export const existing = async <T>(run: DemoRun, q: string) =>
  run.ctx.db.withTenant(run.tenantId, async (tx) => (await sql.raw<T>(q).execute(tx)).rows);

/** Runs `fn` on the items, `n` at a time; after a failure no further item starts. */
export async function inParallel<T>(
  items: T[],
  n: number,
  fn: (t: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: n }, worker));
  const bad = results.find((r) => r.status === 'rejected');
  if (bad) throw bad.reason;
}

/** The menu, created on the day the history starts. */
export async function writeCatalog(run: DemoRun): Promise<Map<string, string>> {
  const admin = run.staff[0]!;
  const ctx = at(run.ctx, run.start);
  const cats = await listCategories(ctx, admin);
  const ids = new Map<string, string>();
  for (const c of DEMO_CATEGORIES) {
    const parentId = c.parent ? ids.get(c.parent)! : null;
    const found = cats.find((x) => x.name === c.name && x.parentId === parentId);
    const saved =
      found ??
      (await saveCategory(ctx, admin, null, { name: c.name, parentId, position: ids.size }));
    ids.set(c.key, saved.categoryId);
    run.tick();
  }
  const skus = new Set(
    (await existing<{ sku: string }>(run, 'SELECT sku FROM products')).map((r) => r.sku),
  );
  for (const p of DEMO_PRODUCTS) {
    if (!skus.has(p.sku))
      await createProduct(ctx, admin, {
        sku: p.sku,
        name: p.name,
        priceMinor: p.price * TWD,
        categoryId: ids.get(p.category)!,
        tags: p.tags,
        active: true,
      });
    run.tick();
  }
  run.step('catalog');
  return ids;
}

export async function memberIds(run: DemoRun): Promise<string[]> {
  const rows = await existing<{ external_id: string; member_id: string }>(
    run,
    "SELECT external_id, member_id FROM members WHERE external_id LIKE 'demo-m-%'",
  );
  const byExt = new Map(rows.map((r) => [r.external_id, r.member_id]));
  return run.plan.members.map((m) => {
    const id = byExt.get(m.externalId);
    if (!id) throw new Error(`demo member ${m.externalId} is missing`);
    return id;
  });
}

/** Relations, notes, anniversaries and staff tasks; each skipped when already there. */
export async function writeTimeline(run: DemoRun, ids: string[]): Promise<void> {
  const { plan } = run;
  const rel = new Set(
    (
      await existing<{ k: string }>(
        run,
        'SELECT member_id || kind || related_member_id AS k FROM relations WHERE related_member_id IS NOT NULL',
      )
    ).map((r) => r.k),
  );
  await inParallel(plan.relations, 3, async (r) => {
    if (!rel.has(ids[r.from]! + r.kind + ids[r.to]!))
      await addRelation(run.ctx, run.staff[1] ?? run.staff[0]!, ids[r.from]!, {
        kind: r.kind,
        note: r.note,
        relatedMemberId: ids[r.to]!,
      });
    run.tick();
  });
  run.step('relations');
  const notes = new Set(
    (await existing<{ k: string }>(run, 'SELECT member_id || body AS k FROM notes')).map(
      (r) => r.k,
    ),
  );
  await inParallel(plan.notes, 3, async (n) => {
    if (!notes.has(ids[n.member]! + n.body))
      await addNote(at(run.ctx, n.at), run.staff[n.author]!, ids[n.member]!, n.body);
    run.tick();
  });
  const dates = new Set(
    (await existing<{ k: string }>(run, 'SELECT member_id || label AS k FROM anniversaries')).map(
      (r) => r.k,
    ),
  );
  await inParallel(plan.anniversaries, 3, async (a) => {
    if (!dates.has(ids[a.member]! + a.label))
      await addAnniversary(run.ctx, run.staff[0]!, ids[a.member]!, a);
    run.tick();
  });
  const tasks = new Set(
    (await existing<{ k: string }>(run, 'SELECT member_id || title AS k FROM tasks')).map(
      (r) => r.k,
    ),
  );
  for (const t of plan.tasks) {
    if (!tasks.has(ids[t.member]! + t.title))
      await createTask(at(run.ctx, new Date(run.anchor.getTime() - 86_400_000)), run.staff[0]!, {
        memberId: ids[t.member]!,
        title: t.title,
        details: '',
        assigneeId: run.staff[t.assignee]!.actor.id,
        dueAt: t.dueAt.toISOString(),
      });
    run.tick();
  }
  run.step('timeline');
}

/** Two years of purchases at the tills of both stores, a batch of members at a time. */
export async function writePurchases(run: DemoRun, ids: string[]): Promise<void> {
  const have = new Set(
    (
      await existing<{ external_id: string }>(
        run,
        "SELECT external_id FROM purchases WHERE external_id LIKE 'demo-m-%'",
      )
    ).map((r) => r.external_id),
  );
  const pos = systemAuth(run.tenantId, 'POS', run.staff[0]!);
  let batch: Parameters<typeof recordPurchases>[2] = [];
  let pending = 0;
  const flush = async () => {
    if (batch.length) await recordPurchases(run.ctx, pos, batch);
    run.tick(pending);
    batch = [];
    pending = 0;
    run.step('purchases');
  };
  for (const [i, memberId] of ids.entries()) {
    for (const v of run.plan.visits(i)) {
      pending++;
      if (have.has(v.externalId)) continue;
      batch.push({
        memberId,
        storeId: run.storeIds.get(v.store)!,
        externalId: v.externalId,
        occurredAt: v.at.toISOString(),
        channel: 'pos',
        lines: v.lines,
      });
    }
    if (pending >= 1000) await flush();
  }
  await flush();
}
