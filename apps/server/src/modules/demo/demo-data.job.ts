import { SYSTEM_ROLES, SYSTEM_ROLE_KEYS } from '@regulars/contracts';
import type { AppContext, AuthContext } from '../../http/context';
import { DEMO_CATEGORIES, DEMO_PRODUCTS } from './demo-catalog';
import { LOYALTY_SETUP_UNITS, writeLoyaltySetup } from './demo-loyalty';
import { MESSAGING_UNITS, writeMessaging } from './demo-messaging';
import {
  countMissionHistory,
  earnHistory,
  evaluateTiers,
  pointsUnits,
  sweepHistory,
  writeRedemptions,
} from './demo-points';
import { writeImportedMembers, writeJoinedMembers } from './demo-members';
import { demoPlan } from './demo-plan';
import { claimDemo, ensureDemoRow, finishDemo, reportDemo } from './demo-progress';
import { DAY } from './demo-visits';
import {
  memberIds,
  writeCatalog,
  writePurchases,
  writeTimeline,
  type DemoRun,
} from './demo-writers';

export const DEMO_QUEUE = 'demo-data';

/** Members the demo gets: DEMO_MEMBERS, 5,000 unless set. */
export function demoSize(): number {
  const n = Number(process.env.DEMO_MEMBERS ?? 5000);
  return Number.isFinite(n) && n >= 20 ? Math.min(Math.round(n), 200_000) : 5000;
}

/** Test hooks: `step` is called at each batch boundary (a test throws there to "kill" the run). */
export type DemoHooks = {
  step?: (phase: string, done: number) => void;
  progress?: (p: { phase: string; done: number; total: number }) => void;
};

/**
 * Fills the demo business with a catalog, members, their relations, notes, anniversaries, staff
 * tasks and two years of purchases, through the members and imports services; then its points
 * programme, tiers, rewards and messages through the loyalty and messaging services. Everything is
 * planned from a seed and written with deterministic external ids, and each phase skips what is
 * already there: a killed run resumes, and a run after a finished one changes nothing.
 * Returns 'busy' when another run holds the lease.
 */
export async function runDemoData(
  ctx: AppContext,
  tenantId: string,
  hooks: DemoHooks = {},
): Promise<'done' | 'busy' | 'not_demo'> {
  const claimed = await ctx.db.withTenant(tenantId, async (tx) => {
    const t = await tx.selectFrom('tenants').select('is_demo').executeTakeFirst();
    if (!t?.is_demo) return 'not_demo' as const;
    await ensureDemoRow(tx, tenantId, demoSize(), ctx.clock.now());
    return claimDemo(tx);
  });
  if (typeof claimed === 'string') return claimed === 'done' ? 'done' : claimed;
  const { stores, staff } = await ctx.db.withTenant(tenantId, async (tx) => ({
    stores: await tx
      .selectFrom('stores')
      .select(['store_id', 'code'])
      .orderBy('code', 'desc')
      .execute(),
    staff: await tx
      .selectFrom('staff as s')
      .innerJoin('roles as r', 'r.role_id', 's.role_id')
      .select(['s.staff_id', 's.name', 'r.system_key'])
      .where('s.active', '=', true)
      .execute(),
  }));
  const rank = (k: string | null) => SYSTEM_ROLE_KEYS.indexOf(k as never) >>> 0;
  staff.sort((a, b) => rank(a.system_key) - rank(b.system_key));
  const auths: AuthContext[] = staff.map((s) => ({
    kind: 'staff',
    tenantId,
    actor: { type: 'staff', id: s.staff_id, name: s.name, requestId: null },
    permissions: new Set(SYSTEM_ROLES.admin.permissions),
    storeId: null,
    allowedStoreIds: null,
    sessionId: null,
    csrfToken: null,
    language: 'zh-TW',
  }));
  const anchor = new Date(claimed.anchor_at);
  const plan = demoPlan(
    claimed.members,
    anchor,
    stores.map((s) => s.code),
    Math.max(1, auths.length),
  );
  let purchases = 0;
  for (let i = 0; i < plan.members.length; i++) purchases += plan.visits(i).length;
  const total =
    DEMO_CATEGORIES.length +
    DEMO_PRODUCTS.length +
    plan.members.length +
    plan.relations.length +
    plan.notes.length +
    plan.anniversaries.length +
    plan.tasks.length +
    purchases +
    LOYALTY_SETUP_UNITS +
    pointsUnits(plan.members.length) +
    MESSAGING_UNITS;
  let done = 0;
  let phase = 'catalog';
  // Progress is written beside the work, at most a few times a second, never in its way.
  let writing: Promise<void> = Promise.resolve();
  let lastWrite = 0;
  const report = (force = false) => {
    hooks.progress?.({ phase, done, total });
    if (!force && Date.now() - lastWrite < 300) return writing;
    lastWrite = Date.now();
    const snapshot = { phase, done, total };
    writing = writing
      .then(() => ctx.db.withTenant(tenantId, (tx) => reportDemo(tx, snapshot)))
      .catch(() => undefined);
    return writing;
  };
  const run: DemoRun = {
    ctx,
    tenantId,
    plan,
    anchor,
    start: new Date(anchor.getTime() - 730 * DAY),
    storeIds: new Map(stores.map((s) => [s.code, s.store_id])),
    staff: auths,
    importId: claimed.import_id,
    tick: (n = 1) => {
      done += n;
      void report();
    },
    step: (p) => hooks.step?.(p, done),
  };
  try {
    await report(true);
    await writeCatalog(run);
    phase = 'members';
    if (plan.members.some((m) => m.source === 'import')) await writeImportedMembers(run);
    await writeJoinedMembers(run);
    const ids = await memberIds(run);
    phase = 'timeline';
    await writeTimeline(run, ids);
    phase = 'purchases';
    await writePurchases(run, ids);
    // Loyalty after the purchases: until its rules exist, the engine's own reaction to
    // `purchase.recorded` earns nothing, so the history is earned here, dated as it happened.
    phase = 'loyalty';
    await writeLoyaltySetup(run);
    phase = 'points';
    await earnHistory(run, ids);
    await countMissionHistory(run);
    await sweepHistory(run);
    phase = 'tiers';
    await evaluateTiers(run, ids);
    phase = 'rewards';
    await writeRedemptions(run, ids);
    phase = 'messaging';
    await writeMessaging(run, ids);
    await report(true);
    await ctx.db.withTenant(tenantId, (tx) => finishDemo(tx, null));
    return 'done';
  } catch (err) {
    await writing;
    await ctx.db.withTenant(tenantId, (tx) =>
      finishDemo(tx, err instanceof Error ? err.message : String(err)),
    );
    throw err;
  }
}
