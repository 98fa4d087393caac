import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { OutboundMessage } from '../../apps/server/src/modules/messaging/channel';
import {
  sendsmsQuery,
  type KannelDriverOptions,
} from '../../apps/server/src/modules/messaging/sms/kannel.driver';
import type { Kannel } from '../../test/kannel';

/**
 * The reference for SMS benchmarks: the same sendsms requests our driver would make, fired by
 * autocannon (no code of ours) with `connections` at once. Resolves when every one is accepted.
 */
export function fireAtSendsms(
  k: Kannel,
  opts: KannelDriverOptions,
  messages: OutboundMessage[],
  connections: number,
): Promise<void> {
  const paths = messages.map((m) => {
    const url = new URL(`${k.sendsmsUrl}?${sendsmsQuery(opts, m)}`);
    return `${url.pathname}${url.search}`;
  });
  let n = 0;
  return new Promise<void>((resolve, reject) =>
    autocannon(
      {
        url: k.sendsmsUrl,
        connections,
        amount: paths.length,
        requests: [
          { setupRequest: (req: object) => ({ ...req, path: paths[n++ % paths.length] }) },
        ],
      },
      (err: unknown, r: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        if (r.non2xx || r.errors)
          return reject(new Error(`${r.non2xx} non-2xx, ${r.errors} errors`));
        resolve();
      },
    ),
  );
}

/** Texts like a points reminder, one per recipient. */
export const reminder = (i: number) => `王先生您好：您有 ${i} 點將於月底到期，歡迎回來使用。`;

/** An HTTP endpoint for Kannel's delivery reports that only counts the "delivered" ones. */
export async function dlrSink(): Promise<{ url: string; delivered: () => number; close(): void }> {
  let delivered = 0;
  const server = createServer((req, res) => {
    if (/[?&]status=1(&|$)/.test(req.url ?? '')) delivered++;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dlr`,
    delivered: () => delivered,
    close: () => server.close(),
  };
}
