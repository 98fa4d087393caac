import { createHmac } from 'node:crypto';

/**
 * The signature a webhook receiver checks: HMAC-SHA-256 over "<timestamp>.<body>" with the
 * shared secret, as `sha256=<hex>`. Used by the messaging webhook channel and outgoing events.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
