import type { AppContext } from '../../../http/context';
import { applyDeliveryReport, type DeliveryReport } from '../reports.service';

type Waiting = {
  report: DeliveryReport;
  done: (recorded: boolean) => void;
  fail: (e: unknown) => void;
};

/** A group gathers reports this long, holds at most MOST; PARALLEL groups per business at once. */
const GATHER_MS = 5;
const MOST = 100;
const PARALLEL = 4;

/**
 * Delivery reports arrive as fast as messages go out (Kannel calls once per message). Applying
 * each in its own transaction costs a commit per message; here the reports of one business that
 * arrive within a few milliseconds are applied in one transaction (a few such groups at once, each
 * locking its deliveries in id order so that two groups never deadlock), and each caller is
 * answered once its group has committed.
 */
export function reportGroups(ctx: AppContext) {
  const queues = new Map<string, Waiting[]>();
  const active = new Map<string, number>();
  // businesses with a group gathering reports now: new reports join it
  const gathering = new Set<string>();

  async function flush(tenantId: string): Promise<void> {
    gathering.add(tenantId);
    await new Promise((r) => setTimeout(r, GATHER_MS));
    gathering.delete(tenantId);
    const group = (queues.get(tenantId)?.splice(0, MOST) ?? []).sort((a, b) =>
      a.report.deliveryId < b.report.deliveryId ? -1 : 1,
    );
    if (group.length === 0) return;
    pump(tenantId); // what is left, or arrives meanwhile, gathers in the next group
    try {
      const recorded = await ctx.db.withTenant(tenantId, async (tx) => {
        const out: boolean[] = [];
        for (const w of group) {
          out.push(await applyDeliveryReport(tx, tenantId, w.report, ctx.clock.now()));
        }
        return out;
      });
      group.forEach((w, i) => w.done(recorded[i]!));
    } catch (e) {
      group.forEach((w) => w.fail(e));
    }
  }

  function pump(tenantId: string): void {
    while (
      !gathering.has(tenantId) &&
      (active.get(tenantId) ?? 0) < PARALLEL &&
      queues.get(tenantId)?.length
    ) {
      active.set(tenantId, (active.get(tenantId) ?? 0) + 1);
      void flush(tenantId).finally(() => {
        const left = active.get(tenantId)! - 1;
        if (left > 0) active.set(tenantId, left);
        else active.delete(tenantId);
        if (queues.get(tenantId)?.length) pump(tenantId);
        else if (left === 0) queues.delete(tenantId);
      });
    }
  }

  return {
    /** Applies `report` with the others arriving now; resolves to whether the delivery exists. */
    apply(tenantId: string, report: DeliveryReport): Promise<boolean> {
      return new Promise<boolean>((done, fail) => {
        const queue = queues.get(tenantId) ?? [];
        queue.push({ report, done, fail });
        queues.set(tenantId, queue);
        pump(tenantId);
      });
    },
  };
}
