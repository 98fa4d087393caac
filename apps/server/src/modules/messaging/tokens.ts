import type { AppContext } from '../../http/context';
import { sign, verifySigned } from '../../platform/signing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UUID in 22 characters, so links stay short (and within the router's parameter length). */
const packUuid = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
function unpackUuid(s: string): string | null {
  const hex = Buffer.from(s, 'base64url').toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(id) ? id : null;
}

/** The signed token of a delivery's unsubscribe link: names the tenant and the delivery. */
export function unsubscribeToken(secret: string, tenantId: string, deliveryId: string): string {
  return sign(secret, 'unsub', [packUuid(tenantId), packUuid(deliveryId)]);
}

export function readUnsubscribeToken(
  secret: string,
  token: string,
): { tenantId: string; deliveryId: string } | null {
  const parts = verifySigned(secret, 'unsub', token);
  if (!parts || parts.length !== 2) return null;
  const tenantId = unpackUuid(parts[0]!);
  const deliveryId = unpackUuid(parts[1]!);
  return tenantId && deliveryId ? { tenantId, deliveryId } : null;
}

export function unsubscribeUrl(ctx: AppContext, tenantId: string, deliveryId: string): string {
  const token = unsubscribeToken(ctx.config.secret, tenantId, deliveryId);
  return `${ctx.config.publicUrl}/api/messaging/unsubscribe/${token}`;
}
