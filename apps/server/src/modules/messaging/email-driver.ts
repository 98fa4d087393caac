import nodemailer from 'nodemailer';
import type { ChannelDriver, OutboundMessage, SendResult } from './channel';
import { composeMail } from './mime';

/**
 * Email over SMTP through a pool of connections. A message counts as sent when the server
 * accepted it (its 250 reply to the data). A 5xx reply to the recipient is a hard bounce; other
 * 5xx replies fail the message for good; 4xx replies and lost connections are retried later.
 * Bounces that arrive afterwards as delivery status notifications come back to the message's
 * envelope sender (`returnPath`) and through the bounce endpoint (bounces.routes.ts).
 */
export function createEmailDriver(opts: {
  url: string;
  from: string;
  maxConnections?: number;
}): ChannelDriver {
  const url = new URL(opts.url);
  const transport = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = opts.from.split('@')[1] ?? 'localhost';
  const one = async (m: OutboundMessage): Promise<SendResult> => {
    // The delivery's id names the message: a receiver can recognise it, bounces point back.
    const messageId = `<${m.deliveryId}@${domain}>`;
    let raw: Buffer;
    try {
      raw = composeMail({
        from: { name: m.fromName ?? '', address: opts.from },
        to: m.to,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        subject: m.subject ?? '',
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        headers: m.headers ?? {},
        messageId,
        date: new Date(),
      });
    } catch (err) {
      return { status: 'failed', error: (err as Error).message, permanent: true };
    }
    try {
      // bounces go to the message's own signed address (VERP); the From stays the business's
      await transport.sendMail({ envelope: { from: m.returnPath ?? opts.from, to: m.to }, raw });
      return { status: 'sent', providerId: messageId };
    } catch (err) {
      return classify(err as { responseCode?: number; command?: string; message: string });
    }
  };
  return {
    kind: 'email',
    async send(messages, onResult) {
      return Promise.all(
        messages.map(async (m, i) => {
          const result = await one(m);
          await onResult?.(i, result);
          return result;
        }),
      );
    },
    async close() {
      transport.close();
    },
  };
}

/** What an SMTP error means for the message and the address. */
export function classify(err: {
  responseCode?: number;
  command?: string;
  message: string;
}): SendResult {
  const code = err.responseCode ?? 0;
  const permanent = code >= 500 && code < 600;
  return {
    status: 'failed',
    error: code ? `${code} ${err.message}`.slice(0, 300) : err.message.slice(0, 300),
    permanent,
    bounce: permanent && /RCPT/i.test(err.command ?? ''),
  };
}
