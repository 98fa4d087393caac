import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { recordAudit } from '../../platform/audit';
import { maskedContacts } from './member-rules';
import { MEMBER_COLUMNS, findMember, type MemberRow } from './member-view';
import { mergeFields } from './merge-fields';
import { searchColumns } from './normalize';

export type MergeInput = { duplicateId: string; version: number; duplicateVersion: number };

const count = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);

/** Moves everything that belongs to `from` over to `to`, set-based; returns what moved and dropped. */
async function moveBelongings(tx: Tx, tenantId: string, from: string, to: string, now: Date) {
  const moved: Record<string, number> = {};
  const dropped: Record<string, number> = {};
  for (const table of ['purchases', 'notes', 'tasks', 'calls'] as const)
    moved[table] = count(
      await sql`UPDATE ${sql.table(table)} SET member_id = ${to} WHERE member_id = ${from}`.execute(
        tx,
      ),
    );

  dropped.duplicateAnniversaries = count(
    await sql`DELETE FROM anniversaries d WHERE d.member_id = ${from} AND EXISTS (
      SELECT 1 FROM anniversaries k WHERE k.member_id = ${to}
         AND k.kind = d.kind AND k.date = d.date AND k.label = d.label)`.execute(tx),
  );
  moved.anniversaries = count(
    await sql`UPDATE anniversaries SET member_id = ${to} WHERE member_id = ${from}`.execute(tx),
  );

  // Relations: one between the two would relate the member to themselves; one the survivor
  // already has would repeat. Both are dropped, the rest re-pointed (either end).
  dropped.selfRelations = count(
    await sql`DELETE FROM relations WHERE (member_id = ${from} AND related_member_id = ${to})
                                      OR (member_id = ${to} AND related_member_id = ${from})`.execute(
      tx,
    ),
  );
  dropped.duplicateRelations =
    count(
      await sql`DELETE FROM relations d WHERE d.member_id = ${from} AND d.related_member_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM relations k WHERE k.member_id = ${to} AND k.kind = d.kind
                       AND k.related_member_id = d.related_member_id)`.execute(tx),
    ) +
    count(
      await sql`DELETE FROM relations d WHERE d.related_member_id = ${from}
        AND EXISTS (SELECT 1 FROM relations k WHERE k.related_member_id = ${to} AND k.kind = d.kind
                       AND k.member_id = d.member_id)`.execute(tx),
    );
  moved.relations =
    count(await sql`UPDATE relations SET member_id = ${to} WHERE member_id = ${from}`.execute(tx)) +
    count(
      await sql`UPDATE relations SET related_member_id = ${to} WHERE related_member_id = ${from}`.execute(
        tx,
      ),
    );

  // The consent history is proof and append-only: the duplicate's entries are copied, in order.
  moved.consentEntries = count(
    await sql`INSERT INTO member_consent_history (tenant_id, member_id, channel, granted, source, actor_id, at)
      SELECT tenant_id, ${to}, channel, granted, source, actor_id, at FROM member_consent_history
       WHERE member_id = ${from} ORDER BY entry_id`.execute(tx),
  );

  await sql`DELETE FROM member_stats WHERE member_id = ${from}`.execute(tx);
  await sql`
    INSERT INTO member_stats (tenant_id, member_id, purchase_count, total_spent_minor, first_purchase_at, last_purchase_at)
    SELECT ${tenantId}, ${to}, count(*), coalesce(sum(total_minor), 0), min(occurred_at), max(occurred_at)
      FROM purchases WHERE member_id = ${to} HAVING count(*) > 0
    ON CONFLICT (tenant_id, member_id) DO UPDATE SET
      purchase_count = EXCLUDED.purchase_count, total_spent_minor = EXCLUDED.total_spent_minor,
      first_purchase_at = EXCLUDED.first_purchase_at, last_purchase_at = EXCLUDED.last_purchase_at`.execute(
    tx,
  );
  // Records merged into the duplicate earlier now point at the survivor: one hop, always.
  await sql`UPDATE members SET merged_into = ${to}, updated_at = ${now}
             WHERE merged_into = ${from}`.execute(tx);
  return { moved, dropped };
}

async function mergeOnce(ctx: AppContext, auth: AuthContext, keepId: string, input: MergeInput) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    // Both rows locked, always in the same order, so two merges (or a merge and an edit) queue
    // instead of deadlocking; writes that wait for the lock then follow the merged record.
    const rows = await tx
      .selectFrom('members')
      .select(MEMBER_COLUMNS)
      .where('member_id', 'in', [keepId, input.duplicateId])
      .where('status', '=', 'active')
      .orderBy('member_id')
      .forUpdate()
      .execute();
    const keep = rows.find((r) => r.member_id === keepId);
    const other = rows.find((r) => r.member_id === input.duplicateId);
    if (!keep) throw notFound('member');
    if (!other) throw new AppError('not_found', { entity: 'member' }, { field: 'duplicateId' });
    if (keepId === input.duplicateId)
      throw new AppError('member.merge_self', {}, { field: 'duplicateId' });
    if (keep.version !== input.version || other.version !== input.duplicateVersion)
      throw new AppError(
        'conflict.version',
        {},
        {
          entity: 'member',
          field: keep.version !== input.version ? 'version' : 'duplicateVersion',
        },
      );
    const now = ctx.clock.now();
    const next = mergeFields(keep, other, now);
    const movesExternalId = next.external_id !== keep.external_id;
    // Retired first: its mobile number and external id are free for the survivor.
    await tx
      .updateTable('members')
      .set((eb) => ({
        status: 'merged',
        merged_into: keepId,
        external_id: movesExternalId ? null : other.external_id,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('member_id', '=', other.member_id)
      .execute();
    const { moved, dropped } = await moveBelongings(
      tx,
      auth.tenantId,
      other.member_id,
      keepId,
      now,
    );
    const consentChanges = Object.entries(next.consents).filter(
      ([ch, c]) =>
        (keep.consents as Record<string, { granted: boolean }>)[ch]?.granted !== c.granted,
    );
    if (consentChanges.length)
      await tx
        .insertInto('member_consent_history')
        .values(
          consentChanges.map(([channel, c]) => ({
            tenant_id: auth.tenantId,
            member_id: keepId,
            channel,
            granted: c.granted,
            source: 'merge',
            actor_id: auth.actor.id,
            at: now,
          })),
        )
        .execute();
    await tx
      .updateTable('members')
      .set((eb) => ({
        phone: next.phone,
        gender: next.gender,
        birthday: next.birthday,
        other_phones: next.other_phones,
        email: next.email,
        address: next.address,
        preferred_channel: next.preferred_channel,
        language: next.language,
        time_zone: next.time_zone,
        home_store_id: next.home_store_id,
        external_id: next.external_id,
        tags: next.tags,
        custom: JSON.stringify(next.custom),
        consents: JSON.stringify(next.consents),
        field_sources: JSON.stringify(next.field_sources),
        source_ref: JSON.stringify(next.source_ref),
        ...searchColumns({
          name: keep.name,
          email: next.email,
          phone: next.phone,
          otherPhones: next.other_phones,
          cardNumber: keep.card_number,
          tags: next.tags,
        }),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('member_id', '=', keepId)
      .execute();
    const merged = { memberId: other.member_id, cardNumber: other.card_number };
    await recordAudit(tx, auth.tenantId, auth.actor, {
      action: 'member.merged',
      entityType: 'member',
      entityId: keepId,
      before: {
        memberId: keepId,
        duplicate: { ...merged, name: other.name, ...maskedContacts({ phone: other.phone }) },
      },
      after: {
        memberId: keepId,
        mergedMemberId: other.member_id,
        filled: next.filled,
        moved,
        dropped,
      },
    });
    await ctx.events.record(tx, auth.tenantId, 'member.merged', {
      memberId: keepId,
      mergedMemberId: other.member_id,
    });
    return { row: (await findMember(tx, keepId)) as MemberRow, merged, moved, dropped };
  });
}

/**
 * Merges a duplicate into a member with nothing lost: purchases, notes, tasks, anniversaries,
 * relations, calls and consent history move over; the duplicate is kept, retired, pointing at
 * the survivor. A deadlock with a concurrent writer is retried.
 */
export async function mergeMembers(
  ctx: AppContext,
  auth: AuthContext,
  keepId: string,
  input: MergeInput,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mergeOnce(ctx, auth, keepId, input);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}
