import type { AppContext } from '../../../http/context';
import { applyDeliveryReport, type DeliveryReport } from '../reports.service';

type Waiting = {
  report: DeliveryReport;
  done: (recorded: boolean) => void;
  fail: (e: unknown) => void;
};

/** How long the first report of a group waits for others, and the most in one transaction. */
const GATHER_MS = 10;
const MOST = 500;

/**
 * Delivery reports arrive as fast as messages go out (Kannel calls once per message, at once
 * with the fake SMSC). Applying each in its own transaction costs a commit per message; here the
 * reports of one business that arrive within a few milliseconds are applied in one transaction,
 * one group at a time per business, and each caller is answered once its group has committed.
 */
export function reportGroups(ctx: AppContext) {
  const queues = new Map<string, Waiting[]>();
  const running = new Map<string, Promise<void>>();

  async function flush(tenantId: string): Promise<void> {
    const group = queues.get(tenantId)?.splice(0, MOST) ?? [];
    if (group.length === 0) return;
    try {
      const recorded = await ctx.db.withTenant(tenantId, async (tx) => {
        const out: boolean[] = [];
        for (const w of group)
          out.push(await applyDeliveryReport(tx, tenantId, w.report, ctx.clock.now()));
        return out;
      });
      group.forEach((w, i) => w.done(recorded[i]!));
    } catch (e) {
      group.forEach((w) => w.fail(e));
    }
  }

  function schedule(tenantId: string): void {
    if (running.has(tenantId)) return;
    const run = (async () => {
      await new Promise((r) => setTimeout(r, GATHER_MS));
      while (queues.get(tenantId)?.length) await flush(tenantId);
    })().finally(() => {
      running.delete(tenantId);
      if (queues.get(tenantId)?.length) schedule(tenantId);
      else queues.delete(tenantId);
    });
    running.set(tenantId, run);
  }

  return {
    /** Applies `report` with the others arriving now; resolves to whether the delivery exists. */
    apply(tenantId: string, report: DeliveryReport): Promise<boolean> {
      return new Promise<boolean>((done, fail) => {
        const queue = queues.get(tenantId) ?? [];
        queue.push({ report, done, fail });
        queues.set(tenantId, queue);
        schedule(tenantId);
      });
    },
  };
}
