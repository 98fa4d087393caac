// 10k SMS through the whole pipeline: enqueued in one transaction (one delivery per member,
// rendered with the member's salutation), sent in batches of 500 by BENCH_WORKERS workers through
// our Kannel driver, received by fakesmsc, and recorded "delivered" from Kannel's delivery reports
// through our signed callback. messages/s from the enqueue to the last "delivered" row, against
// the same number of sendsms requests fired by autocannon at the same Kannel (received by fakesmsc,
// reports counted by a bare HTTP endpoint), in the same run.
// Run: `npm run bench sms-outbox` or `node --import tsx bench/sms-outbox.ts`.
// Tune: BENCH_SMS (10000), BENCH_ROUNDS (2), BENCH_WORKERS (2), BENCH_CONNECTIONS (16).
import { freePort } from '@regulars/db';
import { buildApp } from '@regulars/server';
import type { OutboundMessage } from '../apps/server/src/modules/messaging/channel';
import { dispatchBatch, enqueueMessages } from '../apps/server/src/modules/messaging';
import { setupSms } from '../apps/server/src/modules/messaging/sms';
import { startKannel } from '../test/kannel';
import { openBenchDatabase } from './lib/bench-database';
import { dlrSink, fireAtSendsms, reminder } from './lib/kannel-reference';
import { envInt, fixed, header, median, table } from './lib/stats';

const N = envInt('BENCH_SMS', 10_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const WORKERS = envInt('BENCH_WORKERS', 2);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);

header(`SMS through the outbox: ${N.toLocaleString('en')} messages to fakesmsc, until delivered`);
const bench = await openBenchDatabase('sms-outbox', N);
const { ctx, raw, tenantId } = bench;
const port = await freePort();
ctx.config.publicUrl = `http://127.0.0.1:${port}`;
const k = await startKannel({ logLevel: 3 });
const sink = await dlrSink();
const kannel = {
  sendsmsUrl: k.sendsmsUrl,
  user: k.user,
  password: k.password,
  from: '0800123456',
  concurrency: CONNECTIONS,
};
ctx.config.kannel = kannel;
setupSms(ctx);
const app = await buildApp(ctx);
await app.listen({ port, host: '127.0.0.1' });

const members = (
  await raw.query<{ member_id: string }>(
    `SELECT member_id FROM members WHERE tenant_id = $1 AND phone IS NOT NULL
     ORDER BY member_id LIMIT $2`,
    [tenantId, N],
  )
).rows.map((r) => r.member_id);
if (members.length < N) throw new Error(`only ${members.length} members with a phone`);

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ours(round: number): Promise<number> {
  const cause = `bench-sms:${round}:${Date.now()}`;
  const start = performance.now();
  // Transactional (a points reminder the member asked for): no quiet hours, whatever the hour.
  await ctx.db.withTenant(tenantId, (tx) =>
    enqueueMessages(
      tx,
      ctx,
      tenantId,
      members.map((memberId, i) => ({
        cause,
        category: 'transactional',
        channel: 'sms',
        memberId,
        content: { text: `{{ member.salutation }}您好：${reminder(i).slice(6)}` },
      })),
    ),
  );
  const tEnq = performance.now();
  const batches = (
    await raw.query<{ batch_id: string }>(
      'SELECT DISTINCT batch_id FROM message_deliveries WHERE tenant_id = $1 AND cause = $2',
      [tenantId, cause],
    )
  ).rows.map((r) => r.batch_id);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await dispatchBatch(ctx, tenantId, batches[next++]!);
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  const tSent = performance.now();
  let seen = -1;
  let progressAt = performance.now();
  for (;;) {
    const r = await raw.query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM message_deliveries
       WHERE tenant_id = $1 AND cause = $2 GROUP BY state`,
      [tenantId, cause],
    );
    const by = Object.fromEntries(r.rows.map((x) => [x.state, Number(x.n)]));
    if ((by.delivered ?? 0) === N) break;
    if ((by.failed ?? 0) + (by.suppressed ?? 0) > 0)
      throw new Error(`not every message went out: ${JSON.stringify(by)}`);
    if ((by.delivered ?? 0) > seen) [seen, progressAt] = [by.delivered ?? 0, performance.now()];
    // a message waiting for its retry (a minute's backoff) or a lost report: say so, don't hang
    if (performance.now() - progressAt > 30_000)
      throw new Error(`no progress for 30 s: ${JSON.stringify(by)}`);
    await wait(100);
  }
  const end = performance.now();
  console.log(
    `  enqueue ${fixed((tEnq - start) / 1000, 1)} s, send ${fixed((tSent - tEnq) / 1000, 1)} s, last report ${fixed((end - tSent) / 1000, 1)} s`,
  );
  return N / ((end - start) / 1000);
}

async function reference(round: number): Promise<number> {
  const messages: OutboundMessage[] = members.map((memberId, i) => ({
    deliveryId: `${round}-${i}`,
    tenantId,
    memberId,
    channel: 'sms',
    to: `+8869${String(i).padStart(8, '0')}`,
    text: reminder(i),
    category: 'transactional',
  }));
  const [r0, d0] = [k.received.length, sink.delivered()];
  const start = performance.now();
  await fireAtSendsms(
    k,
    { ...kannel, dlrUrl: (m) => `${sink.url}?d=${m.deliveryId}&status=%d` },
    messages,
    CONNECTIONS,
  );
  await k.waitForReceived(r0 + N, 600_000);
  while (sink.delivered() < d0 + N) await wait(20);
  return N / ((performance.now() - start) / 1000);
}

const rows: { ours: number; reference: number }[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0;
    const a = first ? await ours(round) : await reference(round);
    const b = first ? await reference(round) : await ours(round);
    rows.push(first ? { ours: a, reference: b } : { ours: b, reference: a });
    const last = rows.at(-1)!;
    console.log(
      `round ${round + 1}: outbox ${fixed(last.ours)} msg/s, reference ${fixed(last.reference)} msg/s`,
    );
  }
  const o = median(rows.map((r) => r.ours));
  const ref = median(rows.map((r) => r.reference));
  table([
    [`median of ${ROUNDS}`, 'messages/s', 'vs reference'],
    [`outbox → Kannel → delivered (${WORKERS} workers)`, fixed(o), `${fixed(o / ref, 2)}x`],
    [`autocannon → Kannel, ${CONNECTIONS} connections`, fixed(ref), '1x'],
  ]);
} finally {
  await app.close();
  await k.stop();
  sink.close();
  await bench.close();
}
