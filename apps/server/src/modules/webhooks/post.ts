import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { isForbiddenAddress } from './url-policy';

/** What one POST came to: a status code, or the reason none came back. */
export type PostResult = { status: number } | { error: string };

export const POST_TIMEOUT_MS = 5_000;

/**
 * Resolves like the system does, then refuses link-local and metadata addresses: the address
 * checked is the one connected to, so a name that resolves somewhere else later is caught too.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, found) => {
    const list = found as unknown as LookupAddress[];
    if (err) return callback(err, '', 4);
    const bad = list.find((a) => isForbiddenAddress(a.address));
    if (bad || list.length === 0)
      return callback(new Error('the address is link-local or a metadata service'), '', 4);
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * POSTs a JSON body with the given headers: no redirects followed, a short overall time-out,
 * the response body discarded (only its status matters).
 */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = POST_TIMEOUT_MS,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ error: 'invalid address' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isForbiddenAddress(host))
      return resolve({ error: 'the address is link-local or a metadata service' });
    const client = target.protocol === 'https:' ? https : http;
    let settled = false;
    const done = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(
      target,
      {
        method: 'POST',
        lookup: guardedLookup,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Regulars-Webhooks/1',
        },
      },
      (res) => {
        res.resume();
        done({ status: res.statusCode ?? 0 });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    req.on('error', (err) => done({ error: err.message.slice(0, 200) }));
    req.end(body);
  });
}

/** Whether a result is worth trying again: network errors, time-outs, 408, 429 and 5xx. */
export function retryable(r: PostResult): boolean {
  if ('error' in r) return true;
  return r.status === 408 || r.status === 429 || r.status >= 500;
}
