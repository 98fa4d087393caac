import type { PosMemberCard } from '@regulars/contracts';
import { api, ApiError, query } from '../../api';

/** What the cashier typed or a scanner sent, read as one of the three ways to find a member. */
export type LookupInput = { kind: 'phone' | 'card' | 'qr'; value: string };

/** The member card's QR payload (rc1.…) and a coupon's (cpn.…), as the scanner types them. */
export const isMemberQr = (s: string) => /^rc1\.[^\s.]+\.[^\s.]+\.[\w-]+$/.test(s);
export const isCouponQr = (s: string) => /^cpn\.[^\s.]+\.[^\s.]+\.[\w-]+$/.test(s);

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Full-width digits (from a Chinese keyboard) read as ASCII. */
const halfWidth = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/**
 * The ways `raw` may name a member, most likely first: a scanned card QR; digits whose check
 * digit fits a card number — typed as one run, a card first; written like a phone number
 * (0912-345-678), a phone first — and otherwise a phone.
 */
export function readLookup(raw: string): LookupInput[] {
  const s = halfWidth(raw).trim();
  if (isMemberQr(s)) return [{ kind: 'qr', value: s }];
  const digits = s.replace(/[\s-]/g, '');
  const phone = { kind: 'phone' as const, value: s };
  if (!/^\d{10,20}$/.test(digits) || !luhnValid(digits)) return [phone];
  const card = { kind: 'card' as const, value: digits };
  return digits === s ? [card, phone] : [phone, card];
}

/**
 * Looks the member up each way the input allows until one finds them; when none does, the error
 * of the most likely way is the one to show.
 */
export async function findMember(raw: string): Promise<PosMemberCard> {
  let first: unknown = null;
  for (const way of readLookup(raw)) {
    try {
      return await api.get<PosMemberCard>(`/pos/members${query({ [way.kind]: way.value })}`);
    } catch (e) {
      first ??= e;
      if (!(e instanceof ApiError) || e.status !== 404) break;
    }
  }
  throw first;
}
