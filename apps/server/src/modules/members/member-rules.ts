import { maskAddress, maskEmail, maskPhone } from '@regulars/core';
import type { MemberSource } from '@regulars/contracts';
import type { Tx } from '@regulars/db';
import { AppError } from '../../http/errors';

export const CONTACT_FIELDS = ['phone', 'otherPhones', 'email', 'address'] as const;

export async function phoneCountry(tx: Tx): Promise<string> {
  const t = await tx.selectFrom('tenants').select('phone_country').executeTakeFirstOrThrow();
  return t.phone_country;
}

/** The mobile number identifies one active member: a clear 409 naming the holder's card. */
export async function assertPhoneFree(
  tx: Tx,
  phone: string | null,
  self: string | null,
): Promise<void> {
  if (!phone) return;
  const holder = await tx
    .selectFrom('members')
    .select(['member_id', 'card_number'])
    .where('phone', '=', phone)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (holder && holder.member_id !== self)
    throw new AppError('member.duplicate_phone', { card: holder.card_number }, { field: 'phone' });
}

/** A unique-index violation (a concurrent insert won the race) as the same clear 409. */
export function explainConflict(err: unknown): never {
  const e = err as { code?: string; constraint?: string };
  if (e.code === '23505' && e.constraint === 'members_phone')
    throw new AppError('member.duplicate_phone', { card: '—' }, { field: 'phone' });
  if (e.code === '23505' && e.constraint === 'members_external_id')
    throw new AppError('conflict.duplicate', { field: 'external_id' }, { field: 'externalId' });
  throw err;
}

/** What the audit log keeps of contact details: that they changed, and their masked form. */
export const maskedContacts = (m: {
  phone?: string | null;
  otherPhones?: string[];
  email?: string | null;
  address?: string;
}) => ({
  ...(m.phone !== undefined ? { phone: m.phone && maskPhone(m.phone) } : {}),
  ...(m.otherPhones !== undefined ? { otherPhones: m.otherPhones.map(maskPhone) } : {}),
  ...(m.email !== undefined ? { email: m.email && maskEmail(m.email) } : {}),
  ...(m.address !== undefined ? { address: maskAddress(m.address) } : {}),
});

export type Origin = { source: MemberSource; ref?: Record<string, unknown> };

/** A home store must be one of this business's stores (RLS hides others', so: not found). */
export async function assertStore(tx: Tx, storeId: string | null | undefined): Promise<void> {
  if (!storeId) return;
  const s = await tx
    .selectFrom('stores')
    .select('store_id')
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!s)
    throw new AppError('not_found', { entity: 'store' }, { entity: 'store', field: 'homeStoreId' });
}

/** Routes under /members/:id answer 404 for a member this business does not have. */
export async function assertMember(tx: Tx, memberId: string): Promise<void> {
  const m = await tx
    .selectFrom('members')
    .select('member_id')
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!m) throw new AppError('not_found', { entity: 'member' }, { entity: 'member' });
}
