import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loyaltyFixture } from '../pos/pos-kit';
import {
  checkInvariants,
  checkReplay,
  codeOf,
  KEEP_MS,
  ledgerCounts,
  opsArb,
  programArb,
  snapshot,
  type Kept,
  type Op,
} from './ledger-property-kit';
import { sweepLoyalty } from './maintenance';

// Random sequences of till purchases, point spends, returns (under both debt policies), expiry
// and manual adjustments, through the real HTTP routes and the real expiry job, on PostgreSQL.
// Replay a failure with FC_SEED=<seed> (and FC_PATH=<path> to go straight to the shrunk case).
const SEED = Number(process.env.FC_SEED ?? 20261125);
const RUNS = Number(process.env.FC_RUNS ?? 25);

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
beforeAll(async () => {
  f = await loyaltyFixture('ledger-prop');
  await f.rule({ name: 'Base: 1 point per NT$100' });
});
afterAll(() => f.t.close());

type Purchase = {
  memberId: string;
  totalMinor: number;
  purchaseId: string;
  points: number;
  lines: { quantity: number; points: number; returnedQ: number; returnedP: number }[];
};

let run = 0;
const spendOf = (percent: number, available: number) =>
  Math.max(1, Math.round((Math.max(available, 0) * percent) / 100));

type Program = typeof programArb extends fc.Arbitrary<infer T> ? T : never;

async function sequence(program: Program, ops: Op[]) {
  const r = ++run;
  let debt = true;
  await f.program({ ...program, allowNegativeBalance: true });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push(await f.member(`會員 ${r}-${i}`));
  const keys = new Map<string, Kept>();
  const purchases = new Map<string, Purchase>();
  /** Each spend's first entry and amount, by member and external id. */
  const spends = new Map<string, { entryId: string; points: number }>();
  const returns = new Map<string, { purchaseId: string; returnId: string; points: number }>();
  const applied = { adjust: 0, clawback: 0 };

  /** Sends one request, checking a repeated key against the first answer. */
  const send = async (
    who: 'till' | 'admin',
    url: string,
    payload: object,
    key: number | null,
  ): Promise<{ res: LightMyRequestResponse; replay: boolean }> => {
    const k = key === null ? undefined : `${r}-key-${key}`;
    const signature = `POST ${url} ${JSON.stringify(payload)}`;
    const now = f.t.clock.now().getTime();
    const id = `${who}:${k}`;
    const earlier = k ? keys.get(id) : undefined;
    const kept = earlier && now - earlier.at <= KEEP_MS ? earlier : undefined;
    const res =
      who === 'till'
        ? await f.till({ url, payload, key: k })
        : await f.admin.inject({
            method: 'POST',
            url,
            payload,
            headers: k ? { 'idempotency-key': k } : {},
          });
    expect(res.statusCode, res.body).toBeLessThan(500);
    const replay = checkReplay(res, kept, signature);
    if (k && !replay) keys.set(id, { status: res.statusCode, body: res.body, signature, at: now });
    return { res, replay };
  };

  for (const [i, op] of ops.entries()) {
    const label = `run ${r} op ${i} ${JSON.stringify(op)}`;
    const before = await snapshot(f, ids, f.t.clock.now());
    let changed = false;
    if (op.k === 'earn') {
      const memberId = ids[op.m]!;
      const ext = `${r}-sale-${op.ext}`;
      const lines = op.lines.map((l, n) => ({ name: `Dish ${n + 1}`, ...l }));
      const totalMinor = op.lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0);
      const { res, replay } = await send(
        'till',
        '/api/pos/purchases',
        { memberId, externalId: ext, lines },
        op.key,
      );
      const first = purchases.get(ext);
      if (!replay && first) {
        if (first.memberId === memberId && first.totalMinor === totalMinor) {
          expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
          expect(res.json().purchase.purchaseId).toBe(first.purchaseId);
          expect(res.json().earned.points).toBe(first.points);
        } else expect(codeOf(res), label).toBe('purchase.external_id_conflict');
      } else if (!replay) {
        expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
        const body = res.json();
        const byLine = new Map<number, number>();
        for (const a of body.earned.awards)
          for (const l of a.lines) byLine.set(l.lineNo, (byLine.get(l.lineNo) ?? 0) + l.points);
        purchases.set(ext, {
          memberId,
          totalMinor,
          purchaseId: body.purchase.purchaseId,
          points: body.earned.points,
          lines: op.lines.map((l, n) => ({
            quantity: l.quantity,
            points: byLine.get(n + 1) ?? 0,
            returnedQ: 0,
            returnedP: 0,
          })),
        });
        const a = before.get(memberId)!;
        const after = (await snapshot(f, [memberId], f.t.clock.now())).get(memberId)!;
        expect(after.available + after.pending - a.available - a.pending, label).toBe(
          body.earned.points,
        );
        expect(body.balance.available, label).toBe(after.available);
        changed = true;
      }
    } else if (op.k === 'spend' || op.k === 'adjust') {
      const memberId = ids[op.m]!;
      const ext = `${r}-pay-${op.k === 'spend' ? op.ext : 0}`;
      const { res, replay } =
        op.k === 'spend'
          ? await send(
              'till',
              '/api/pos/points/spend',
              {
                memberId,
                points: spendOf(op.percent, before.get(memberId)!.available),
                externalId: ext,
              },
              op.key,
            )
          : await send(
              'admin',
              `/api/members/${memberId}/points/adjustments`,
              { points: op.points, reason: 'property test' },
              op.key,
            );
      const once = op.k === 'spend' ? spends.get(`${memberId}/${ext}`) : undefined;
      const a = before.get(memberId)!;
      const take = op.k === 'spend' ? spendOf(op.percent, a.available) : -op.points;
      if (replay) {
        // nothing to add: the answer was checked against the first
      } else if (once && once.points === take) {
        expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
        expect(res.json().entryId, label).toBe(once.entryId);
      } else if (once) {
        // The same id for another amount is a mistake, not a retry: refused, nothing spent.
        expect(codeOf(res), `${label}: ${res.body}`).toBe('points.external_id_conflict');
      } else if (take > 0 && a.available < take) {
        // Never beyond the spendable balance, whatever the debt policy.
        expect(codeOf(res), `${label}: ${res.body}`).toBe('points.insufficient');
      } else {
        expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
        expect(res.json().balance.available, label).toBe(a.available - take);
        if (op.k === 'spend')
          spends.set(`${memberId}/${ext}`, { entryId: res.json().entryId, points: take });
        else applied.adjust++;
        changed = true;
      }
    } else if (op.k === 'refund') {
      if (debt !== op.allowDebt) await f.program({ allowNegativeBalance: op.allowDebt });
      debt = op.allowDebt;
      const made = [...purchases.keys()];
      const payload = {
        purchaseExternalId:
          op.purchase < 9 && made.length ? made[op.purchase % made.length]! : `${r}-none`,
        externalId: `${r}-return-${op.ret}`,
        ...(op.part ? { lines: [op.part] } : {}),
      };
      const { res, replay } = await send('till', '/api/pos/returns', payload, op.key);
      const p = purchases.get(payload.purchaseExternalId);
      const earlier = returns.get(payload.externalId);
      if (replay) {
        // checked against the first answer
      } else if (!p) expect(codeOf(res), label).toBe('not_found');
      else if (earlier) {
        if (earlier.purchaseId === p.purchaseId) expect(res.json().returnId).toBe(earlier.returnId);
        else expect(codeOf(res), label).toBe('return.external_id_conflict');
      } else {
        const wanted = op.part
          ? [op.part]
          : p.lines.map((l, n) => ({ lineNo: n + 1, quantity: l.quantity - l.returnedQ }));
        const line = op.part ? p.lines[op.part.lineNo - 1] : undefined;
        if (op.part && !line) expect(codeOf(res), label).toBe('return.unknown_line');
        else if (line && op.part!.quantity > line.quantity - line.returnedQ)
          expect(codeOf(res), label).toBe('return.too_many');
        else {
          // Proportional and cumulatively exact: all returned takes back all earned.
          const taken = wanted.map((w) => {
            const l = p.lines[w.lineNo - 1]!;
            const share = (l.returnedQ + w.quantity) / l.quantity;
            return Math.floor(l.points * share + 1e-9) - l.returnedP;
          });
          const points = taken.reduce((s, n) => s + n, 0);
          const a = before.get(p.memberId)!;
          if (res.statusCode === 409) {
            expect(codeOf(res), `${label}: ${res.body}`).toBe('points.refund_refused');
            expect(op.allowDebt, `${label}: refused although debt is allowed`).toBe(false);
            expect(points, label).toBeGreaterThan(Math.max(a.available, 0));
          } else {
            expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
            expect(res.json().pointsTakenBack, label).toBe(points);
            const after = (await snapshot(f, [p.memberId], f.t.clock.now())).get(p.memberId)!;
            expect(a.available + a.pending - after.available - after.pending, label).toBe(points);
            if (!op.allowDebt && after.available < 0)
              expect(after.available, `${label}: a debt made under refuse`).toBe(a.available);
            wanted.forEach((w, n) => {
              const l = p.lines[w.lineNo - 1]!;
              l.returnedQ += w.quantity;
              l.returnedP += taken[n]!;
            });
            returns.set(payload.externalId, {
              purchaseId: p.purchaseId,
              returnId: res.json().returnId,
              points,
            });
            if (points > 0) applied.clawback++;
            changed = points > 0;
          }
        }
      }
    } else {
      f.t.clock.advance(op.hours * 3_600_000);
      await sweepLoyalty(f.t.ctx);
      const once = await snapshot(f, ids, f.t.clock.now());
      await sweepLoyalty(f.t.ctx); // a job run twice changes nothing more
      const twice = await snapshot(f, ids, f.t.clock.now());
      expect(twice, `${label}: second sweep`).toEqual(once);
      for (const [m, s] of twice) expect(s.due, `${label}: due batches left for ${m}`).toBe(0);
      changed = true;
    }
    const after = await snapshot(f, ids, f.t.clock.now());
    checkInvariants(after, label);
    if (!changed) expect(after, `${label}: changed nothing`).toEqual(before);
  }

  // Each operation applied once: one entry per purchase, spend, adjustment and return.
  const counts = await ledgerCounts(f, ids);
  expect(counts.duplicates).toEqual([]);
  expect(counts.n).toBe(purchases.size);
  expect(counts.returns).toBe(returns.size);
  const kinds = counts.byKind;
  expect(kinds['earn/purchase'] ?? 0).toBe([...purchases.values()].filter((p) => p.points).length);
  expect(kinds['spend/pos'] ?? 0).toBe(spends.size);
  expect(kinds['adjust/manual'] ?? 0).toBe(applied.adjust);
  expect(kinds['clawback/return'] ?? 0).toBe(applied.clawback);
  for (const p of purchases.values()) {
    const back = p.lines.reduce((s, l) => s + l.returnedP, 0);
    expect(back).toBeLessThanOrEqual(p.points);
    if (p.lines.every((l) => l.returnedQ === l.quantity)) expect(back).toBe(p.points);
  }
}

describe('points ledger under random operations', () => {
  it('keeps balance = ledger, batches ≥ 0, spends within the balance and every key once', async () => {
    const details = await fc.check(fc.asyncProperty(programArb, opsArb, sequence), {
      seed: SEED,
      numRuns: RUNS,
      path: process.env.FC_PATH,
      endOnFailure: !!process.env.FC_NO_SHRINK,
      interruptAfterTimeLimit: 150_000,
    });
    if (details.failed) {
      const replay = `FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath}`;
      console.error(`points ledger property failed; replay with ${replay}`);
      console.error('counterexample:', JSON.stringify(details.counterexample));
      throw new Error(`property failed (${replay}): ${String(details.errorInstance)}`, {
        cause: details.errorInstance,
      });
    }
    expect(details.numRuns).toBe(RUNS);
  }, 180_000);
});
