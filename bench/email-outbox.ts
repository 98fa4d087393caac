// Personalized emails through the whole pipeline into Postfix's smtp-sink: enqueued in one
// transaction per 10,000 (rendered per member: salutation, HTML and text parts), sent in batches of
// 500 by BENCH_WORKERS workers through our pooled SMTP driver, each result recorded as the sink
// acknowledges it. messages/s from the first enqueue to the last "sent" row, against smtp-source
// sending the same number of messages of the same size over as many connections to the same sink,
// in the same run (Debian `postfix` provides smtp-sink and smtp-source). Results are recorded by
// group commit as the sink acknowledges them; messages are composed by our own `mime.ts`.
// Run: `node --import tsx bench/email-outbox.ts`.
// Tune: BENCH_EMAILS (100000), BENCH_ROUNDS (1), BENCH_WORKERS (2), BENCH_CONNECTIONS (10),
// BENCH_PROCESSES (0: workers in this process; n: n worker processes).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@regulars/db';
import {
  dispatchBatch,
  enqueueMessages,
  registerChannelDriver,
} from '../apps/server/src/modules/messaging';
import { createEmailDriver } from '../apps/server/src/modules/messaging/email-driver';
import { composeMail } from '../apps/server/src/modules/messaging/mime';
import { openBenchDatabase } from './lib/bench-database';
import { envInt, fixed, header, median, table } from './lib/stats';

const N = envInt('BENCH_EMAILS', 100_000);
const ROUNDS = envInt('BENCH_ROUNDS', 1);
const WORKERS = envInt('BENCH_WORKERS', 2);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10);
/** Worker processes sending the batches (0: the workers run in this process). */
const PROCESSES = envInt('BENCH_PROCESSES', 0);
const fixture = fileURLToPath(
  new URL('../apps/server/src/modules/messaging/kill-worker.fixture.ts', import.meta.url),
);
const MEMBERS = Math.min(N, 20_000);

if (spawnSync('smtp-sink', ['-h']).error)
  throw new Error('smtp-sink missing: apt-get install postfix');
header(`Email through the outbox: ${N.toLocaleString('en')} personalized messages into smtp-sink`);
const bench = await openBenchDatabase('email-outbox', MEMBERS);
const { ctx, raw, tenantId } = bench;
const port = await freePort();
const sink = spawn(
  'smtp-sink',
  [...(process.getuid?.() === 0 ? ['-u', 'nobody'] : []), `127.0.0.1:${port}`, '1024'],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 300));
const smtpUrl = `smtp://127.0.0.1:${port}`;
registerChannelDriver(
  createEmailDriver({ url: smtpUrl, from: 'news@bench.test', maxConnections: CONNECTIONS }),
  'email',
);

const members = (
  await raw.query<{ member_id: string }>(
    'SELECT member_id FROM members WHERE tenant_id = $1 ORDER BY member_id LIMIT $2',
    [tenantId, MEMBERS],
  )
).rows.map((r) => r.member_id);
const content = {
  subject: '{{ member.salutation }}，本週新品',
  text: '{{ member.salutation }}您好：\n本週新品已上架，會員卡 {{ member.card_number }} 可享九折。\n{{ business.name }}',
  html: '<p>{{ member.salutation }}您好：</p><p>本週新品已上架，會員卡 <b>{{ member.card_number }}</b> 可享九折。</p><p>{{ business.name }}</p>',
};

async function ours(round: number): Promise<{ rate: number; bytes: number }> {
  const cause = `bench-mail:${round}:${Date.now()}`;
  const start = performance.now();
  for (let i = 0; i < N; i += 10_000) {
    await ctx.db.withTenant(tenantId, (tx) =>
      enqueueMessages(
        tx,
        ctx,
        tenantId,
        Array.from({ length: Math.min(10_000, N - i) }, (_, j) => ({
          cause: `${cause}:${Math.floor((i + j) / MEMBERS)}`,
          category: 'transactional' as const,
          channel: 'email' as const,
          memberId: members[(i + j) % MEMBERS]!,
          to: `m${i + j}@bench.test`,
          content,
        })),
      ),
    );
  }
  const tEnq = performance.now();
  const batches = (
    await raw.query<{ batch_id: string }>(
      `SELECT DISTINCT batch_id FROM message_deliveries WHERE tenant_id = $1 AND cause LIKE $2`,
      [tenantId, `${cause}:%`],
    )
  ).rows.map((r) => r.batch_id);
  if (PROCESSES > 0) {
    // Like `regulars worker` processes: each takes its share of the batches.
    await Promise.all(
      Array.from({ length: PROCESSES }, (_, p) => {
        const share = batches.filter((_, i) => i % PROCESSES === p);
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', fixture, bench.database.url, smtpUrl, tenantId, ...share],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        );
        return new Promise((resolve) => child.on('exit', resolve));
      }),
    );
  } else {
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await dispatchBatch(ctx, tenantId, batches[next++]!);
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
  }
  const end = performance.now();
  const r = await raw.query<{ n: string; bytes: string }>(
    `SELECT count(*) FILTER (WHERE state = 'sent') AS n, avg(length(body_text) + length(body_html)) AS bytes
       FROM message_deliveries WHERE tenant_id = $1 AND cause LIKE $2`,
    [tenantId, `${cause}:%`],
  );
  if (Number(r.rows[0]!.n) !== N) throw new Error(`only ${r.rows[0]!.n} of ${N} sent`);
  console.log(
    `  enqueue ${fixed((tEnq - start) / 1000, 1)} s, send ${fixed((end - tEnq) / 1000, 1)} s`,
  );
  return { rate: N / ((end - start) / 1000), bytes: Number(r.rows[0]!.bytes) };
}

/** The size on the wire of one of our messages (headers, text and HTML parts, encoded). */
function wireSize(): number {
  return composeMail({
    from: { name: 'Shop bench', address: 'news@bench.test' },
    to: 'm1@bench.test',
    subject: '林小姐，本週新品',
    text: '林小姐您好：\n本週新品已上架，會員卡 100000017 可享九折。\nShop bench',
    html: '<p>林小姐您好：</p><p>本週新品已上架，會員卡 <b>100000017</b> 可享九折。</p><p>Shop bench</p>',
    messageId: '<00000000-0000-4000-8000-000000000000@bench.test>',
    date: new Date(),
  }).length;
}

function reference(size: number): number {
  const start = performance.now();
  const r = spawnSync(
    'smtp-source',
    [
      '-s',
      String(CONNECTIONS),
      '-m',
      String(N),
      '-l',
      String(size),
      '-f',
      'news@bench.test',
      '-t',
      'm@bench.test',
      `127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  if (r.status !== 0) throw new Error(`smtp-source failed: ${r.status}`);
  return N / ((performance.now() - start) / 1000);
}

const rows: { ours: number; reference: number }[] = [];
try {
  const size = wireSize();
  console.log(`message size on the wire: ${size} bytes`);
  for (let round = 0; round < ROUNDS; round++) {
    const ref = reference(size);
    const o = await ours(round);
    rows.push({ ours: o.rate, reference: ref });
    console.log(
      `round ${round + 1}: outbox ${fixed(o.rate)} msg/s, smtp-source ${fixed(ref)} msg/s`,
    );
  }
  const o = median(rows.map((r) => r.ours));
  const ref = median(rows.map((r) => r.reference));
  table([
    [`median of ${ROUNDS}`, 'messages/s', 'vs smtp-source'],
    [
      `outbox → pooled SMTP → smtp-sink (${WORKERS} workers, ${CONNECTIONS} connections)`,
      fixed(o),
      `${fixed(o / ref, 2)}x`,
    ],
    [`smtp-source, ${CONNECTIONS} sessions`, fixed(ref), '1x'],
  ]);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  sink.kill();
  await bench.close();
  process.exit();
}
