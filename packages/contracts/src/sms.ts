import { z } from 'zod';

/** Kannel's delivery-report types (%d): delivered, failed, buffered, SMSC accepted, SMSC rejected. */
export const KannelDlrStatus = z.coerce
  .number()
  .int()
  .refine((n) => [1, 2, 4, 8, 16].includes(n), { message: 'must be 1, 2, 4, 8 or 16' });

/** What Kannel sends to a delivery's dlr-url (dlr-url=…?t=<token>&status=%d&answer=%A&at=%T). */
/** A signed token naming the tenant (and, for a delivery report, the delivery). */
const SignedToken = z.string().min(10).max(200);

export const SmsDlrQuery = z.object({
  t: SignedToken,
  status: KannelDlrStatus,
  /** The SMSC's answer or report text, e.g. `id:… stat:DELIVRD err:000` or `NACK/0x0b/…`. */
  answer: z.string().max(1000).optional(),
  /** Unix time of the report. */
  at: z.string().max(20).optional(),
});

/** What Kannel's get-url sends for an inbound message (t=<token>&from=%p&to=%P&text=%a&coding=%c&charset=%C). */
export const SmsInboundQuery = z.object({
  t: SignedToken,
  from: z.string().min(1).max(64),
  to: z.string().max(64).optional(),
  /** Read from the raw query by the route, as `charset` says (UTF-16BE when smsbox does not recode). */
  text: z.string().max(4000).optional(),
  coding: z.string().max(4).optional(),
  charset: z.string().max(40).optional(),
  /** Kannel's id of the message (%I): a retried get-url with the same id is stored once. */
  id: z.string().max(100).optional(),
});

/** A business's SMS gateway set-up, for whoever configures Kannel. */
export const SmsGateway = z.object({
  /** false: development mode, messages stay in the outbox. */
  live: z.boolean(),
  /** The get-url of this business's sms-service in Kannel (signed; keep it private). */
  inboundUrl: z.string(),
  /** An sms-service group for kannel.conf that sends this business's inbound messages to us. */
  kannelService: z.string(),
});
export type SmsGateway = z.infer<typeof SmsGateway>;
