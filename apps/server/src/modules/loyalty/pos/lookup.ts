import {
  addressAs,
  isValidCardNumber,
  maskPhone,
  normalizePhone,
  type Gender,
  type Lang,
} from '@regulars/core';
import type { PosMemberCard, PosMemberLookup } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../../http/context';
import { AppError } from '../../../http/errors';
import { verifySigned } from '../../../platform/signing';
import { pointsBalance } from '../points/ledger';
import { usableCoupons } from './till-coupons';

/** The kind of the member card's signed QR payload (members.routes.ts signs it). */
const CARD_QR = 'rc1';

/** The active member with this mobile (first) or other number, as caller ID finds them. */
async function byPhone(tx: Tx, raw: string): Promise<string> {
  const { phone_country } = await tx
    .selectFrom('tenants')
    .select('phone_country')
    .executeTakeFirstOrThrow();
  const p = normalizePhone(raw, phone_country);
  if (!p.ok) throw new AppError('member.invalid_phone', { value: raw }, { field: 'phone' });
  // member_ids_by_phone (migration 0008) reads other numbers through their index under RLS.
  const r = await sql<{ member_id: string }>`
    SELECT member_id FROM member_ids_by_phone(${p.phone.e164})
    ORDER BY rank, member_id LIMIT 1`.execute(tx);
  const id = r.rows[0]?.member_id;
  if (!id) throw new AppError('pos.no_member_with_phone', { phone: maskPhone(p.phone.e164) });
  return id;
}

/** The member holding this card; an old card of a merged record finds the member it lives on. */
async function byCard(tx: Tx, card: string): Promise<string> {
  const row = await tx
    .selectFrom('members as m')
    .leftJoin('members as s', (j) =>
      j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.member_id', '=', 'm.merged_into'),
    )
    .select(['m.member_id', 'm.status', 's.member_id as survivor', 's.status as survivor_status'])
    .where('m.card_number', '=', card)
    .executeTakeFirst();
  // Merges keep merged_into one hop from the survivor (merge.service.ts).
  if (row?.status === 'active') return row.member_id;
  if (row?.survivor && row.survivor_status === 'active') return row.survivor;
  throw new AppError('pos.no_member_with_card', { card });
}

/** The card number as typed (spaces and dashes allowed), its check digit verified. */
function cardOrInvalid(raw: string): string {
  const card = raw.replace(/[\s-]/g, '');
  if (!isValidCardNumber(card)) throw new AppError('pos.invalid_card', { value: raw });
  return card;
}

/** The card number inside a scanned QR, once its signature and business check out. */
function cardOfQr(secret: string, tenantId: string, qr: string): string {
  const parts = verifySigned(secret, CARD_QR, qr);
  if (!parts || parts.length !== 2) throw new AppError('pos.invalid_qr');
  if (parts[0] !== tenantId) throw new AppError('pos.qr_other_business');
  return parts[1]!;
}

/** What the till shows of a member: name, masked phone, tier, points, stored value, coupons. */
export async function tillCard(
  ctx: AppContext,
  tx: Tx,
  tenantId: string,
  memberId: string,
  lang: Lang,
): Promise<PosMemberCard> {
  const m = await tx
    .selectFrom('members as m')
    .leftJoin('member_tiers as mt', (j) =>
      j.onRef('mt.tenant_id', '=', 'm.tenant_id').onRef('mt.member_id', '=', 'm.member_id'),
    )
    .leftJoin('tiers as t', (j) =>
      j.onRef('t.tenant_id', '=', 'mt.tenant_id').onRef('t.tier_id', '=', 'mt.tier_id'),
    )
    .leftJoin('stored_value_accounts as sv', (j) =>
      j.onRef('sv.tenant_id', '=', 'm.tenant_id').onRef('sv.member_id', '=', 'm.member_id'),
    )
    .select([
      'm.member_id',
      'm.card_number',
      'm.name',
      'm.gender',
      'm.phone',
      'mt.status as tier_status',
      't.tier_id',
      't.name as tier_name',
      't.discount_rate',
      't.points_multiplier',
      'sv.balance_minor',
    ])
    .where('m.member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const held = m.tier_status === 'member' && m.tier_id;
  return {
    memberId: m.member_id,
    cardNumber: m.card_number,
    name: m.name,
    addressAs: addressAs(m.name, m.gender as Gender, lang),
    phoneMasked: m.phone ? maskPhone(m.phone) : null,
    tierStatus: m.tier_status ?? 'none',
    tier: held
      ? {
          tierId: m.tier_id!,
          name: m.tier_name!,
          discountRate: Number(m.discount_rate),
          pointsMultiplier: Number(m.points_multiplier),
        }
      : null,
    points: await pointsBalance(tx, memberId),
    storedValueMinor: Number(m.balance_minor ?? 0),
    coupons: await usableCoupons(tx, memberId, { secret: ctx.config.secret, tenantId, now }),
  };
}

/**
 * The till's member lookup by exactly one of a phone number in any format (the business's
 * country), a card number (check digit verified) or the card's signed QR payload (signature and
 * business verified before anything is read). The phone is always masked on the answer.
 */
export function lookUpTillMember(
  ctx: AppContext,
  auth: AuthContext,
  q: PosMemberLookup,
  lang: Lang,
): Promise<PosMemberCard> {
  const card = q.card !== undefined ? cardOrInvalid(q.card) : undefined;
  const fromQr = q.qr !== undefined ? cardOfQr(ctx.config.secret, auth.tenantId, q.qr) : undefined;
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const memberId =
      q.phone !== undefined ? await byPhone(tx, q.phone) : await byCard(tx, (card ?? fromQr)!);
    return tillCard(ctx, tx, auth.tenantId, memberId, lang);
  });
}
