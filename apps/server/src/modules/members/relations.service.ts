import { randomUUID } from 'node:crypto';
import type { AppContext, AuthContext } from '../../http/context';
import { AppError, notFound } from '../../http/errors';
import { phoneCountry } from './member-rules';
import { phoneOrFail } from './normalize';

async function memberExists(ctx: AppContext, auth: AuthContext, memberId: string) {
  const m = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('members')
      .select('member_id')
      .where('member_id', '=', memberId)
      .where('status', '=', 'active')
      .executeTakeFirst(),
  );
  if (!m) throw notFound('member');
}

export async function listAnniversaries(ctx: AppContext, auth: AuthContext, memberId: string) {
  await memberExists(ctx, auth, memberId);
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('anniversaries')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('date')
      .execute(),
  );
  return rows.map((r) => ({
    anniversaryId: r.anniversary_id,
    kind: r.kind as 'other',
    label: r.label,
    date: r.date,
  }));
}

export async function addAnniversary(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  input: { kind: string; label: string; date: string },
) {
  await memberExists(ctx, auth, memberId);
  const id = randomUUID();
  await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .insertInto('anniversaries')
      .values({
        tenant_id: auth.tenantId,
        anniversary_id: id,
        member_id: memberId,
        kind: input.kind,
        label: input.label,
        date: input.date,
      })
      .execute(),
  );
  return { anniversaryId: id, kind: input.kind as 'other', label: input.label, date: input.date };
}

export async function deleteAnniversary(ctx: AppContext, auth: AuthContext, id: string) {
  const r = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.deleteFrom('anniversaries').where('anniversary_id', '=', id).executeTakeFirst(),
  );
  if (!r.numDeletedRows) throw notFound('anniversary');
}

export async function listRelations(ctx: AppContext, auth: AuthContext, memberId: string) {
  await memberExists(ctx, auth, memberId);
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx
      .selectFrom('relations as r')
      .leftJoin('members as m', 'm.member_id', 'r.related_member_id')
      .select([
        'r.relation_id',
        'r.kind',
        'r.related_member_id',
        'm.name as related_name',
        'r.contact_name',
        'r.note',
      ])
      .where('r.member_id', '=', memberId)
      .orderBy('r.created_at')
      .execute(),
  );
  return rows.map((r) => ({
    relationId: r.relation_id,
    kind: r.kind as 'other',
    relatedMemberId: r.related_member_id,
    relatedMemberName: r.related_name,
    contactName: r.contact_name,
    note: r.note,
  }));
}

/** A relative or friend: another member (a link in the relationship graph) or a non-member contact. */
export async function addRelation(
  ctx: AppContext,
  auth: AuthContext,
  memberId: string,
  input: { kind: string; note: string } & (
    { relatedMemberId: string } | { contactName: string; contactPhone: string | null }
  ),
) {
  await memberExists(ctx, auth, memberId);
  const id = randomUUID();
  await ctx.db.withTenant(auth.tenantId, async (tx) => {
    const related = 'relatedMemberId' in input ? input.relatedMemberId : null;
    if (related === memberId) throw new AppError('relation.self');
    const other = related
      ? await tx
          .selectFrom('members')
          .select('name')
          .where('member_id', '=', related)
          .where('status', '=', 'active')
          .executeTakeFirst()
      : null;
    if (related && !other) throw notFound('member');
    const phone =
      'contactPhone' in input && input.contactPhone
        ? phoneOrFail(input.contactPhone, await phoneCountry(tx), 'contactPhone')
        : null;
    await tx
      .insertInto('relations')
      .values({
        tenant_id: auth.tenantId,
        relation_id: id,
        member_id: memberId,
        kind: input.kind,
        related_member_id: related,
        contact_name: 'contactName' in input ? input.contactName : null,
        contact_phone: phone,
        note: input.note,
      })
      .execute()
      .catch((err: { code?: string }) => {
        if (err.code !== '23505') throw err;
        // The same member with the same relation (a unique index): say who, and what to do.
        throw new AppError(
          'relation.duplicate',
          { name: other?.name ?? '' },
          { field: 'relatedMemberId' },
        );
      });
    if (input.kind === 'introduced_by' && related)
      await ctx.events.record(tx, auth.tenantId, 'member.introduced', {
        memberId,
        introducedBy: related,
      });
  });
  return (await listRelations(ctx, auth, memberId)).find((r) => r.relationId === id)!;
}

export async function deleteRelation(ctx: AppContext, auth: AuthContext, id: string) {
  const r = await ctx.db.withTenant(auth.tenantId, (tx) =>
    tx.deleteFrom('relations').where('relation_id', '=', id).executeTakeFirst(),
  );
  if (!r.numDeletedRows) throw notFound('relation');
}
