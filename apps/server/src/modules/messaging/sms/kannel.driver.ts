import http from 'node:http';
import https from 'node:https';
import { isGsm7 } from '@regulars/core';
import type { KannelConfig } from '../../../config';
import type { ChannelDriver, OutboundMessage, SendResult } from '../channel';

export type KannelDriverOptions = KannelConfig & {
  /** The signed delivery-report URL of one delivery (with Kannel's %d escapes). */
  dlrUrl(message: OutboundMessage): string;
  /** Per request; a gateway that does not answer in time is treated as down (retried later). */
  timeoutMs?: number;
};

/** Kannel's sendsms answers 202 ("0: Accepted for delivery", "3: Queued for later delivery"). */
const accepted = (status: number) => status >= 200 && status < 300;

/** The sendsms request of one message: UTF-8 in, UCS-2 on the air unless the text is GSM-7. */
export function sendsmsQuery(opts: KannelDriverOptions, m: OutboundMessage): URLSearchParams {
  const q = new URLSearchParams({
    username: opts.user,
    password: opts.password,
    to: m.to,
    text: m.text,
    charset: 'UTF-8',
    coding: isGsm7(m.text) ? '0' : '2',
    // every report: delivered, failed, buffered, accepted and rejected by the SMSC
    'dlr-mask': '31',
    'dlr-url': opts.dlrUrl(m),
  });
  if (opts.from) q.set('from', opts.from);
  return q;
}

type Answer = { status: number; body: string };

/**
 * One GET over the driver's keep-alive connections (node:http: far less overhead than fetch).
 * A kept-alive connection that smsbox closed just as we reused it fails with ECONNRESET before
 * smsbox read the request: that one request is made again on a new connection.
 */
function get(url: URL, agent: http.Agent, timeoutMs: number, retry = true): Promise<Answer> {
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { agent, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 1000) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', (e: Error & { code?: string }) =>
      retry && req.reusedSocket && e.code === 'ECONNRESET'
        ? resolve(get(url, agent, timeoutMs, false))
        : reject(e),
    );
    req.end();
  });
}

async function sendOne(
  opts: KannelDriverOptions,
  agent: http.Agent,
  m: OutboundMessage,
): Promise<SendResult> {
  const url = new URL(`${opts.sendsmsUrl}?${sendsmsQuery(opts, m)}`);
  let res: Answer;
  try {
    res = await get(url, agent, opts.timeoutMs ?? 10_000);
  } catch (e) {
    // refused, reset, timed out: the gateway is down, the message waits and is retried
    const err = e as Error & { code?: string };
    return { status: 'failed', error: `kannel: ${err.code ?? err.name}`, permanent: false };
  }
  const body = res.body.trim().slice(0, 200);
  if (accepted(res.status)) return { status: 'sent' };
  // 4xx: Kannel refused this message (no or a barred number, a malformed field): final. But a
  // refusal of our own set-up (wrong password, no sender) is no fault of the number: it waits
  // for the operator, and the number is not blocked.
  const ours = /Authorization failed|Sender missing|, denied\./i.test(body);
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 429 && !ours;
  const error = `kannel ${res.status}: ${body}`;
  // Only "Missing/Empty receiver number" says the number itself is wrong: that number is blocked.
  // Anything else (content, coding, the operator's white/black lists) fails this message only.
  if (permanent && /receiver number/i.test(body))
    return { status: 'failed', error, permanent, invalidAddress: true };
  return { status: 'failed', error, permanent };
}

/**
 * The SMS channel through Kannel's sendsms HTTP interface: one request per message (texts are
 * personal), at most `concurrency` at a time, each result reported as soon as it is known.
 */
export function kannelDriver(opts: KannelDriverOptions): ChannelDriver {
  const Agent = opts.sendsmsUrl.startsWith('https:') ? https.Agent : http.Agent;
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  return {
    kind: 'sms',
    async send(messages, onResult) {
      const results: SendResult[] = new Array(messages.length);
      let next = 0;
      const worker = async () => {
        while (next < messages.length) {
          const i = next++;
          results[i] = await sendOne(opts, agent, messages[i]!);
          await onResult?.(i, results[i]!);
        }
      };
      const lanes = Math.min(opts.concurrency, messages.length);
      await Promise.all(Array.from({ length: lanes }, worker));
      return results;
    },
    async close() {
      agent.destroy();
    },
  };
}
