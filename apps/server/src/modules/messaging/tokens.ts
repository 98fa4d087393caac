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

/** Tenant and delivery of a token of `kind` whose signature checks out, else null. */
function readDeliveryToken(secret: string, kind: string, token: string) {
  const parts = verifySigned(secret, kind, token);
  if (!parts || parts.length !== 2) return null;
  const tenantId = unpackUuid(parts[0]!);
  const deliveryId = unpackUuid(parts[1]!);
  return tenantId && deliveryId ? { tenantId, deliveryId } : null;
}

export const readUnsubscribeToken = (secret: string, token: string) =>
  readDeliveryToken(secret, 'unsub', token);

export function unsubscribeUrl(ctx: AppContext, tenantId: string, deliveryId: string): string {
  const token = unsubscribeToken(ctx.config.secret, tenantId, deliveryId);
  return `${ctx.config.publicUrl}/api/messaging/unsubscribe/${token}`;
}

/**
 * The envelope sender of one email (VERP): `bounces+<token>@<bounce domain>`, the token signed
 * and naming the tenant and the delivery, so a bounce says which message failed and cannot be
 * forged for another. Null without a bounce domain (the envelope sender is then MAIL_FROM).
 */
export function bounceAddress(ctx: AppContext, tenantId: string, deliveryId: string) {
  const domain = ctx.config.mailBounceDomain;
  return domain
    ? `bounces+${bounceToken(ctx.config.secret, tenantId, deliveryId)}@${domain}`
    : null;
}

const BOUNCE = 'b1';

export function bounceToken(secret: string, tenantId: string, deliveryId: string): string {
  return sign(secret, BOUNCE, [packUuid(tenantId), packUuid(deliveryId)]);
}

/** Tenant and delivery of a bounce token (the address extension) whose signature checks out. */
export const readBounceToken = (secret: string, token: string) =>
  readDeliveryToken(secret, BOUNCE, token);
