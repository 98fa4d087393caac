// SMS through Kannel to fakesmsc: messages/s of our Kannel driver, from the first sendsms request
// until fakesmsc (the handset side) has every message and our delivery-report address has every
// "delivered" report; against the same messages fired at sendsms by autocannon (a load generator,
// no code of ours) with as many connections, measured the same way in the same run.
// Run: `npm run bench sms-kannel` or `node --import tsx bench/sms-kannel.ts`.
// Tune: BENCH_SMS (10000 per round), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16).
import type { OutboundMessage } from '../apps/server/src/modules/messaging/channel';
import { kannelDriver } from '../apps/server/src/modules/messaging/sms/kannel.driver';
import { startKannel, type Kannel } from '../test/kannel';
import { dlrSink, fireAtSendsms, reminder } from './lib/kannel-reference';
import { envInt, fixed, header, median, table } from './lib/stats';

const N = envInt('BENCH_SMS', 10_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 16);

header(`SMS: ${N.toLocaleString('en')} messages through Kannel (bearerbox + smsbox) to fakesmsc`);

const sink = await dlrSink();

const k: Kannel = await startKannel({ logLevel: 3 });
const config = {
  sendsmsUrl: k.sendsmsUrl,
  user: k.user,
  password: k.password,
  from: '0800123456',
  concurrency: CONNECTIONS,
  dlrUrl: (m: OutboundMessage) => `${sink.url}?d=${m.deliveryId}&status=%d`,
};

const messages = (round: number): OutboundMessage[] =>
  Array.from({ length: N }, (_, i) => ({
    deliveryId: `${round}-${i}`,
    tenantId: 't',
    memberId: null,
    channel: 'sms',
    to: `+8869${String(10_000_000 + i).slice(1)}`,
    text: reminder(i),
    category: 'marketing',
  }));

/** Seconds until fakesmsc has `N` more messages and the sink `N` more delivered reports. */
async function settle(start: number, receivedBefore: number, deliveredBefore: number) {
  await k.waitForReceived(receivedBefore + N, 600_000);
  while (sink.delivered() < deliveredBefore + N) await new Promise((r) => setTimeout(r, 20));
  return (performance.now() - start) / 1000;
}

async function ours(round: number): Promise<number> {
  const [r0, d0] = [k.received.length, sink.delivered()];
  const driver = kannelDriver(config);
  const start = performance.now();
  const results = await driver.send(messages(round));
  await driver.close?.();
  const failed = results.filter((r) => r.status !== 'sent').length;
  if (failed) throw new Error(`${failed} messages not accepted`);
  return N / (await settle(start, r0, d0));
}

async function reference(round: number): Promise<number> {
  const [r0, d0] = [k.received.length, sink.delivered()];
  const start = performance.now();
  await fireAtSendsms(k, config, messages(round), CONNECTIONS);
  return N / (await settle(start, r0, d0));
}

const rows: { ours: number; reference: number }[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    // alternate which goes first, so neither always meets a warmer Kannel
    const first = round % 2 === 0;
    const a = first ? await ours(round * 2) : await reference(round * 2);
    const b = first ? await reference(round * 2 + 1) : await ours(round * 2 + 1);
    rows.push(first ? { ours: a, reference: b } : { ours: b, reference: a });
    console.log(
      `round ${round + 1}: ours ${fixed(rows.at(-1)!.ours)} msg/s, reference ${fixed(rows.at(-1)!.reference)} msg/s`,
    );
  }
  const o = median(rows.map((r) => r.ours));
  const ref = median(rows.map((r) => r.reference));
  table([
    ['median of ' + ROUNDS, 'messages/s', 'vs reference'],
    ['our Kannel driver', fixed(o), `${fixed(o / ref, 2)}x`],
    [`autocannon, ${CONNECTIONS} connections`, fixed(ref), '1x'],
  ]);
} finally {
  await k.stop();
  sink.close();
}
