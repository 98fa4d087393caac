import { randomUUID } from 'node:crypto';
import { addressAs, normalizePhone, type Gender } from '@regulars/core';
import type { IncomingCall } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { cardOfMember, shownPhone, type Viewer } from './caller-id.service';

/** The NOTIFY channel of incoming calls; its payload is `<tenant id>:<call id>`, nothing personal. */
export const CALLS_CHANNEL = 'regulars_calls';

/**
 * Records a call reported by the phone system and tells every API process about it (NOTIFY is
 * sent when the transaction commits). The member is matched by the number at the time of the call.
 */
export async function reportCall(
  ctx: AppContext,
  auth: AuthContext,
  input: { callerNumber: string; extension: string },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const { phone_country } = await tx
      .selectFrom('tenants')
      .select('phone_country')
      .executeTakeFirstOrThrow();
    const read = normalizePhone(input.callerNumber, phone_country);
    const e164 = read.ok ? read.phone.e164 : null;
    const callId = randomUUID();
    const receivedAt = ctx.clock.now();
    const r = await sql<{ member_id: string | null }>`
      INSERT INTO calls (tenant_id, call_id, caller_number, caller_e164, extension, member_id, received_at, reported_by)
      VALUES (${auth.tenantId}, ${callId}, ${e164 ?? input.callerNumber}, ${e164}, ${input.extension},
              (SELECT member_id FROM member_ids_by_phone(${e164}) ORDER BY rank, member_id LIMIT 1),
              ${receivedAt}, ${auth.actor.id})
      RETURNING member_id`.execute(tx);
    const memberId = r.rows[0]!.member_id;
    await ctx.events.record(tx, auth.tenantId, 'call.received', { callId, memberId });
    await sql`SELECT pg_notify(${CALLS_CHANNEL}, ${`${auth.tenantId}:${callId}`})`.execute(tx);
    return { callId, receivedAt: receivedAt.toISOString(), matched: memberId !== null };
  });
}

const callColumns = (tx: Tx) =>
  tx
    .selectFrom('calls as c')
    .leftJoin('members as m', 'm.member_id', 'c.member_id')
    .innerJoin('tenants as t', 't.tenant_id', 'c.tenant_id')
    .select([
      'c.call_id',
      'c.received_at',
      'c.extension',
      'c.caller_number',
      'c.caller_e164',
      'c.member_id',
      'm.name',
      'm.gender',
      't.phone_country',
    ]);
type CallRow = Awaited<ReturnType<ReturnType<typeof callColumns>['execute']>>[number];

const toCall = (r: CallRow, view: Viewer) => ({
  callId: r.call_id,
  receivedAt: r.received_at.toISOString(),
  extension: r.extension,
  // As staff of the business write it (0912-345-678, or masked); what could not be read, as sent.
  callerNumber: r.caller_e164 ? shownPhone(r.caller_e164, view, r.phone_country) : r.caller_number,
  memberId: r.member_id,
  memberName: r.name,
  addressAs: r.name === null ? null : addressAs(r.name, r.gender as Gender, view.lang),
});

/** The extension of a signed-in staff member (null: none set, or an API key). */
export async function extensionOf(tx: Tx, auth: AuthContext): Promise<string | null> {
  if (auth.kind !== 'staff' || !auth.actor.id) return null;
  const s = await tx
    .selectFrom('staff')
    .select('phone_extension')
    .where('staff_id', '=', auth.actor.id)
    .executeTakeFirst();
  return s?.phone_extension?.trim() || null;
}

/** Recent calls, newest first; `mine`: those to the caller's own extension. */
export async function listCalls(
  ctx: AppContext,
  auth: AuthContext,
  q: { mine?: 'true' | 'false'; limit: number },
  view: Viewer,
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    let query = callColumns(tx);
    if (q.mine === 'true') {
      const ext = await extensionOf(tx, auth);
      if (!ext) return [];
      query = query.where('c.extension', '=', ext);
    }
    const rows = await query
      .orderBy('c.received_at', 'desc')
      .orderBy('c.call_id')
      .limit(q.limit)
      .execute();
    return rows.map((r) => toCall(r, view));
  });
}

/** One call with the card, as a viewer sees it (for the live stream). */
export async function readIncomingCall(
  tx: Tx,
  callId: string,
  now: Date,
  view: Viewer,
): Promise<IncomingCall | null> {
  const row = await callColumns(tx).where('c.call_id', '=', callId).executeTakeFirst();
  if (!row) return null;
  const card = row.member_id ? await cardOfMember(tx, row.member_id, now, view) : null;
  return { ...toCall(row, view), card };
}
