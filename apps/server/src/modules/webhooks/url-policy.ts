import { isIP } from 'node:net';
import { AppError } from '../../http/errors';

/** Names of cloud metadata services that resolve inside the provider's network. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/**
 * Addresses a webhook may never reach: link-local (169.254.0.0/16, where cloud metadata
 * services answer, and fe80::/10), the unspecified address, and the IPv6 forms of those
 * (IPv4-mapped, AWS's fd00:ec2::254). Loopback and private networks stay allowed: a business
 * may run its receiver on the same machine or its own LAN (see docs/webhooks.md).
 */
export function isForbiddenAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '').toLowerCase();
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split('.').map(Number);
    return (a === 169 && b === 254) || a === 0;
  }
  if (v === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped) return isForbiddenAddress(mapped[1]!);
    if (/^::ffff:a9fe:/.test(ip)) return true; // 169.254.x.x written in hex
    return /^fe[89ab][0-9a-f]:/.test(ip) || ip === '::' || ip === 'fd00:ec2::254';
  }
  return false;
}

/**
 * Checks a webhook address as staff enter it: http or https, no credentials, and not a
 * link-local or metadata host. The address each request actually connects to is checked again
 * when it is sent (a name can resolve elsewhere later). Returns the normalised URL.
 */
export function checkEndpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('webhook.url_invalid', {}, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('webhook.url_scheme', {}, { field: 'url' });
  if (url.username || url.password)
    throw new AppError('webhook.url_credentials', {}, { field: 'url' });
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (!host) throw new AppError('webhook.url_invalid', {}, { field: 'url' });
  if (isForbiddenAddress(host) || METADATA_HOSTS.has(host))
    throw new AppError('webhook.url_forbidden_host', { host }, { field: 'url' });
  return url.toString();
}
