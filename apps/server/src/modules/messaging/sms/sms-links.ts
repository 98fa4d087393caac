import type { Config } from '../../../config';
import { sign, verifySigned } from '../../../platform/signing';

// Token kinds: a delivery report names the tenant and the delivery; an inbound URL, the tenant.
const DLR = 'sd1';
const INBOUND = 'si1';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The dlr-url Kannel calls for one delivery: our signed token and Kannel's escapes in the query (%d status, %A the SMSC's answer, %T the report's time). Kannel substitutes `%`
 * escapes in the whole URL, and a token holds none (base64url, dots and hex).
 */
export function dlrUrl(config: Config, tenantId: string, deliveryId: string): string {
  const token = sign(config.secret, DLR, [tenantId, deliveryId]);
  return `${config.publicUrl}/api/sms/dlr?t=${token}&status=%d&answer=%A&at=%T`;
}

/**
 * The get-url of a business's Kannel sms-service: %p sender, %P receiver, %a text, %c coding,
 * %C charset (so the route reads the text right whether or not smsbox recodes UCS-2), %I
 * Kannel's id of the message (a retried call with the same id is stored once).
 */
export function inboundUrl(config: Config, tenantId: string): string {
  const token = sign(config.secret, INBOUND, [tenantId]);
  return `${config.publicUrl}/api/sms/inbound?t=${token}&from=%p&to=%P&text=%a&coding=%c&charset=%C&id=%I`;
}

/** Tenant and delivery of a delivery-report token whose signature checks out, else null. */
export function readDlrToken(secret: string, token: string) {
  const parts = verifySigned(secret, DLR, token);
  if (!parts || parts.length !== 2 || !parts.every((p) => UUID.test(p))) return null;
  return { tenantId: parts[0]!, deliveryId: parts[1]! };
}

/** Tenant of an inbound token whose signature checks out, else null. */
export function readInboundToken(secret: string, token: string) {
  const parts = verifySigned(secret, INBOUND, token);
  if (!parts || parts.length !== 1 || !UUID.test(parts[0]!)) return null;
  return { tenantId: parts[0]! };
}
