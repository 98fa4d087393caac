import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed tokens for what arrives without a session (a card's QR code, unsubscribe links,
 * delivery callbacks): `<kind>.<parts…>.<signature>`, HMAC-SHA-256 with the server secret,
 * truncated to 128 bits. Nothing is looked up before the signature checks out.
 */
export function sign(secret: string, kind: string, parts: string[]): string {
  const body = [kind, ...parts].join('.');
  const mac = createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);
  return `${body}.${mac}`;
}

/** The parts of a token of `kind` if its signature is right, else null. */
export function verifySigned(secret: string, kind: string, token: string): string[] | null {
  const pieces = token.split('.');
  if (pieces.length < 3 || pieces[0] !== kind) return null;
  const parts = pieces.slice(1, -1);
  const expected = sign(secret, kind, parts);
  const a = Buffer.from(expected);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? parts : null;
}
