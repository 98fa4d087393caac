import { sql } from '@regulars/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants, snapshot } from '../points/ledger-property-kit';
import { loyaltyFixture } from './pos-kit';
import { killAll, standby, type Server } from './pos-crash.fixture';

// The till keeps selling while the server is killed (SIGKILL) and restarted several times: every
// acknowledged purchase is there exactly once with its points, and a retry gets the first answer.
const CLIENTS = 6;
const KILLS = 3;
const MEMBERS = 8;
/** Sales acknowledged between restarts (and after the last one) before the next kill. */
const BETWEEN = 10;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies
type Sale = {
  memberId: string;
  externalId: string;
  key: string;
  lines: { name: string; quantity: number; unitPriceMinor: number }[];
  attempts: number;
  /** When the first attempt went unanswered (the server died under it). */
  lostAt: number | null;
  ack: Json | null;
};

let f: Awaited<ReturnType<typeof loyaltyFixture>>;
let server: Server | null = null;
let secret: string;
const members: string[] = [];

beforeAll(async () => {
  f = await loyaltyFixture('crash');
  await f.rule({ name: 'Base: 1 point per NT$100' });
  for (let i = 0; i < MEMBERS; i++) members.push(await f.member(`常客 ${i}`));
  const key = await f.ok(
    await f.post('/api/api-keys', { name: 'Till 2', permissions: ['pos.transact'] }),
  );
  secret = key.secret as string;
});
afterAll(async () => {
  await killAll();
  await f.t.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let inFlight = 0;

/** One till: sells one purchase after the other until told to stop, retrying each until answered. */
async function till(c: number, sales: Sale[], stopped: () => boolean) {
  for (let i = 0; !stopped(); i++) {
    const sale: Sale = {
      memberId: members[(c * 7 + i) % MEMBERS]!,
      externalId: `crash-${c}-${i}`,
      key: `key-${c}-${i}`,
      lines: [
        { name: 'Hot pot', quantity: 1 + (i % 3), unitPriceMinor: 25_000 + c * 1_000 },
        { name: 'Tea', quantity: 2, unitPriceMinor: 5_000 },
      ],
      attempts: 0,
      lostAt: null,
      ack: null,
    };
    sales.push(sale);
    const body = JSON.stringify({
      memberId: sale.memberId,
      externalId: sale.externalId,
      lines: sale.lines,
    });
    while (!sale.ack) {
      sale.attempts++;
      let res: Response | null = null;
      inFlight++;
      try {
        res = await fetch(`${server!.url}/api/pos/purchases`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${secret}`,
            'idempotency-key': sale.key,
            'content-type': 'application/json',
          },
          body,
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        sale.lostAt ??= Date.now(); // refused or cut off: the server is down; try again
      } finally {
        inFlight--;
      }
      if (!res) {
        await sleep(30 + Math.random() * 50);
        continue;
      }
      const text = await res.text();
      if (res.status === 200) sale.ack = JSON.parse(text);
      else if (res.status === 409 && text.includes('request.in_progress')) await sleep(50);
      else throw new Error(`sale ${sale.externalId}: unexpected ${res.status} ${text}`);
    }
  }
}

/**
 * A request cut off by the kill leaves its key reserved, and the server gives such a reservation
 * up only after 5 minutes: move those reservations 10 minutes back, as if the till had waited.
 */
const outwait = (before: Date) =>
  f.t.ctx.db.withTenant(f.seeded.tenantId, (tx) =>
    sql`UPDATE idempotency_keys SET created_at = created_at - interval '10 minutes'
        WHERE response_status = 0 AND created_at < ${before}`.execute(tx),
  );

describe('the till while the server is killed', () => {
  it('keeps every acknowledged purchase exactly once, with its points and its first answer', async () => {
    const all: Sale[] = [];
    const acked = () => all.filter((s) => s.ack).length;
    const db = { databaseUrl: f.t.url, secret: f.t.ctx.config.secret };
    // Every server process loads at once, ahead of the load: a restart then takes a start's time.
    const standbys = await Promise.all(Array.from({ length: KILLS + 1 }, () => standby(db)));
    server = await standbys[0]!.start();
    let stop = false;
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => till(c, all, () => stop)));
    let failed: unknown = null;
    load.catch((err: unknown) => (failed = err));
    const until = async (done: () => boolean) => {
      while (!done()) {
        if (failed) throw failed;
        await sleep(5);
      }
    };
    let cutOff = 0;
    const downtimes: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const goal = acked() + BETWEEN;
      await until(() => acked() >= goal && inFlight > 0);
      await sleep(Math.random() * 30);
      cutOff += inFlight;
      const killedAt = new Date();
      await server.kill();
      await outwait(killedAt);
      const down = Date.now();
      server = await standbys[k + 1]!.start();
      downtimes.push(Date.now() - down);
      await outwait(killedAt); // a reservation that was on its way to the database at the kill
    }
    const goal = acked() + BETWEEN;
    await until(() => acked() >= goal);
    stop = true;
    await load;
    expect(cutOff, 'requests in flight at the kills').toBeGreaterThan(0);

    // Every purchase once, with the points its answer gave; every member's balance = ledger.
    const rows = await f.t.ctx.db.withTenant(f.seeded.tenantId, (tx) =>
      sql<{ external_id: string; purchase_id: string; at: Date; earns: number; points: number }>`
        SELECT p.external_id, p.purchase_id, p.occurred_at AS at,
               count(e.entry_id)::int AS earns,
               coalesce(sum(e.points + e.pending_points), 0)::int AS points
        FROM purchases p
        LEFT JOIN points_entries e ON e.source = 'purchase' AND e.kind = 'earn'
             AND e.source_ref = p.purchase_id::text AND e.member_id = p.member_id
        WHERE p.member_id = ANY(${members}::uuid[])
        GROUP BY p.external_id, p.purchase_id, p.occurred_at`.execute(tx),
    );
    expect(rows.rows).toHaveLength(all.length);
    const byExternal = new Map(rows.rows.map((r) => [r.external_id, r]));
    let committedUnanswered = 0;
    for (const s of all) {
      const row = byExternal.get(s.externalId);
      expect(row, s.externalId).toBeDefined();
      expect(row!.purchase_id, s.externalId).toBe(s.ack!.purchase.purchaseId);
      expect(row!.earns, s.externalId).toBe(s.ack!.earned.points > 0 ? 1 : 0);
      expect(row!.points, s.externalId).toBe(s.ack!.earned.points);
      expect(s.ack!.earned.points).toBeGreaterThan(0);
      if (s.lostAt && row!.at.getTime() < s.lostAt) committedUnanswered++;
    }
    const snap = await snapshot(f, members, new Date());
    checkInvariants(snap, 'after the kills');
    for (const m of members) {
      const earned = all
        .filter((s) => s.memberId === m)
        .reduce((n, s) => n + s.ack!.earned.points, 0);
      expect(snap.get(m)!.available + snap.get(m)!.pending, m).toBe(earned);
    }

    // A retry with the same key, after all the restarts, gets the first answer again.
    const replays = all.map((s) => async () => {
      const res = await fetch(`${server!.url}/api/pos/purchases`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'idempotency-key': s.key,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ memberId: s.memberId, externalId: s.externalId, lines: s.lines }),
      });
      expect(res.status, s.externalId).toBe(200);
      expect(res.headers.get('idempotent-replayed'), s.externalId).toBe('true');
      expect(await res.json(), s.externalId).toEqual(s.ack);
    });
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let job = replays.pop(); job; job = replays.pop()) await job();
      }),
    );
    console.warn(
      `pos crash: ${all.length} sales, ${KILLS} kills (restarts in ${downtimes.join(', ')} ms), ` +
        `${cutOff} requests cut off, ${all.filter((s) => s.attempts > 1).length} retried, ` +
        `${committedUnanswered} committed before their answer was lost`,
    );
  }, 150_000);
});
