import { webhookSignature } from '../../platform/webhook-signature';
import type { ChannelDriver, OutboundMessage, SendResult } from './channel';

// Shared with outgoing event webhooks; kept exported here for the channel's users.
export { webhookSignature };

/**
 * Messages for LINE, WeChat or an app, posted as JSON to the business's own endpoint, signed.
 * 2xx is sent; 408, 429, 5xx and network errors are retried with backoff; other 4xx fail.
 * The delivery id travels in `X-Regulars-Delivery` so a receiver can drop a repeat.
 */
export function createWebhookDriver(
  opts: { timeoutMs?: number; now?: () => Date } = {},
): ChannelDriver {
  const one = async (m: OutboundMessage): Promise<SendResult> => {
    if (!m.webhook) return { status: 'failed', error: 'no webhook configured', permanent: false };
    const body = JSON.stringify({
      deliveryId: m.deliveryId,
      memberId: m.memberId,
      category: m.category,
      subject: m.subject ?? null,
      text: m.text,
    });
    const timestamp = String(Math.floor((opts.now?.() ?? new Date()).getTime() / 1000));
    try {
      const res = await fetch(m.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-regulars-delivery': m.deliveryId,
          'x-regulars-timestamp': timestamp,
          'x-regulars-signature': webhookSignature(m.webhook.secret, timestamp, body),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (res.ok) return { status: 'sent' };
      const retry = res.status === 408 || res.status === 429 || res.status >= 500;
      return { status: 'failed', error: `HTTP ${res.status}`, permanent: !retry };
    } catch (err) {
      return { status: 'failed', error: (err as Error).message.slice(0, 200), permanent: false };
    }
  };
  return {
    kind: 'webhook',
    async send(messages, onResult) {
      const results: SendResult[] = [];
      // Ten at a time: a business's endpoint is not a mail server.
      for (let i = 0; i < messages.length; i += 10) {
        const part = await Promise.all(
          messages.slice(i, i + 10).map(async (m, j) => {
            const r = await one(m);
            await onResult?.(i + j, r);
            return r;
          }),
        );
        results.push(...part);
      }
      return results;
    },
  };
}
