import type { Lang } from '@regulars/core';
import type { Tx } from '@regulars/db';

/** What messaging needs to know about a member: how to address, reach and respect them. */
export type MemberFacts = {
  memberId: string;
  name: string;
  gender: 'female' | 'male' | 'other' | 'unknown';
  language: Lang | null;
  email: string | null;
  phone: string | null;
  cardNumber: string;
  timeZone: string | null;
  consents: Record<string, { granted?: boolean } | undefined>;
};

export async function loadMembers(tx: Tx, memberIds: string[]): Promise<Map<string, MemberFacts>> {
  if (memberIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('members')
    .select([
      'member_id',
      'name',
      'gender',
      'language',
      'email',
      'phone',
      'card_number',
      'time_zone',
      'consents',
    ])
    .where('member_id', 'in', [...new Set(memberIds)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.member_id,
      {
        memberId: r.member_id,
        name: r.name,
        gender: r.gender as MemberFacts['gender'],
        language: r.language as Lang | null,
        email: r.email,
        phone: r.phone,
        cardNumber: r.card_number,
        timeZone: r.time_zone,
        consents: r.consents as MemberFacts['consents'],
      },
    ]),
  );
}

/** The business's own facts and messaging settings. */
export type TenantFacts = {
  name: string;
  language: Lang;
  timeZone: string;
  quietHours: { start: string; end: string };
  cap: { count: number; days: number } | null;
  emailFromName: string;
  emailReplyTo: string | null;
  webhook: { url: string; secret: string } | null;
};

export async function loadTenant(tx: Tx, tenantId: string): Promise<TenantFacts> {
  const t = await tx
    .selectFrom('tenants')
    .leftJoin('messaging_settings as s', 's.tenant_id', 'tenants.tenant_id')
    .select([
      'tenants.name',
      'tenants.default_language',
      'tenants.time_zone',
      'tenants.quiet_hours_start',
      'tenants.quiet_hours_end',
      's.cap_count',
      's.cap_days',
      's.email_from_name',
      's.email_reply_to',
      's.webhook_url',
      's.webhook_secret',
    ])
    .where('tenants.tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return {
    name: t.name,
    language: t.default_language as Lang,
    timeZone: t.time_zone,
    quietHours: { start: t.quiet_hours_start, end: t.quiet_hours_end },
    cap: t.cap_count ? { count: t.cap_count, days: t.cap_days ?? 7 } : null,
    emailFromName: t.email_from_name || t.name,
    emailReplyTo: t.email_reply_to ?? null,
    webhook:
      t.webhook_url && t.webhook_secret ? { url: t.webhook_url, secret: t.webhook_secret } : null,
  };
}

/** The member's address on a channel (webhooks address the member by id). */
export function addressOf(m: MemberFacts, channel: string): string | null {
  if (channel === 'email') return m.email;
  if (channel === 'sms') return m.phone;
  return m.memberId;
}

/** Marketing consent on a channel; webhooks carry LINE, WeChat or app messages. */
export function consentOf(m: MemberFacts, channel: string): boolean {
  const keys = channel === 'webhook' ? ['line', 'wechat', 'app'] : [channel];
  return keys.some((k) => m.consents[k]?.granted === true);
}
