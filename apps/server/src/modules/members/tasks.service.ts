import { randomUUID } from 'node:crypto';
import type { Task } from '@regulars/contracts';
import { sql, type Tx } from '@regulars/db';
import type { AppContext, AuthContext } from '../../http/context';
import { notFound } from '../../http/errors';
import { versionedResult } from '../../platform/versioned';

const base = (tx: Tx) =>
  tx
    .selectFrom('tasks as t')
    .leftJoin('members as m', 'm.member_id', 't.member_id')
    .leftJoin('staff as s', 's.staff_id', 't.assignee_id')
    .select([
      't.task_id',
      't.member_id',
      'm.name as member_name',
      't.title',
      't.details',
      't.assignee_id',
      's.name as assignee_name',
      't.due_at',
      't.status',
      't.completed_at',
      't.version',
      't.created_at',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const toTask = (r: Row): Task => ({
  taskId: r.task_id,
  memberId: r.member_id,
  memberName: r.member_name,
  title: r.title,
  details: r.details,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  dueAt: r.due_at?.toISOString() ?? null,
  status: r.status as Task['status'],
  completedAt: r.completed_at?.toISOString() ?? null,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

/** Open tasks first by due date: "my tasks" for staff, or a member's tasks. */
export async function listTasks(
  ctx: AppContext,
  auth: AuthContext,
  f: { mine?: 'true' | 'false'; status?: Task['status']; memberId?: string; limit: number },
) {
  const rows = await ctx.db.withTenant(auth.tenantId, (tx) => {
    let q = base(tx);
    if (f.mine === 'true') q = q.where('t.assignee_id', '=', auth.actor.id);
    if (f.status) q = q.where('t.status', '=', f.status);
    if (f.memberId) q = q.where('t.member_id', '=', f.memberId);
    return q
      .orderBy('t.status')
      .orderBy(sql`t.due_at ASC NULLS LAST`)
      .orderBy('t.created_at', 'desc')
      .limit(f.limit)
      .execute();
  });
  return rows.map(toTask);
}

async function checkRefs(
  tx: Tx,
  memberId: string | null | undefined,
  assigneeId: string | null | undefined,
) {
  if (
    memberId &&
    !(await tx
      .selectFrom('members')
      .select('member_id')
      .where('member_id', '=', memberId)
      .where('status', '=', 'active')
      .executeTakeFirst())
  )
    throw notFound('member');
  if (
    assigneeId &&
    !(await tx
      .selectFrom('staff')
      .select('staff_id')
      .where('staff_id', '=', assigneeId)
      .executeTakeFirst())
  )
    throw notFound('staff');
}

/** A task for staff (call the new member today, VIP care…); jobs create them too. */
export async function createTask(
  ctx: AppContext,
  auth: AuthContext,
  input: {
    memberId: string | null;
    title: string;
    details: string;
    assigneeId?: string | null;
    dueAt: string | null;
  },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const assigneeId =
      input.assigneeId === undefined
        ? auth.kind === 'staff'
          ? auth.actor.id
          : null
        : input.assigneeId;
    await checkRefs(tx, input.memberId, assigneeId);
    const taskId = randomUUID();
    const now = ctx.clock.now();
    await tx
      .insertInto('tasks')
      .values({
        tenant_id: auth.tenantId,
        task_id: taskId,
        member_id: input.memberId,
        title: input.title,
        details: input.details,
        assignee_id: assigneeId,
        due_at: input.dueAt,
        created_by: auth.actor.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return toTask(await base(tx).where('t.task_id', '=', taskId).executeTakeFirstOrThrow());
  });
}

export async function updateTask(
  ctx: AppContext,
  auth: AuthContext,
  taskId: string,
  input: {
    title?: string;
    details?: string;
    assigneeId?: string | null;
    dueAt?: string | null;
    status?: Task['status'];
    version: number;
  },
) {
  return ctx.db.withTenant(auth.tenantId, async (tx) => {
    const before = await tx
      .selectFrom('tasks')
      .select(['status'])
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (!before) throw notFound('task');
    await checkRefs(tx, undefined, input.assigneeId);
    const now = ctx.clock.now();
    await versionedResult(
      await tx
        .updateTable('tasks')
        .set((eb) => ({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.details !== undefined ? { details: input.details } : {}),
          ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
          ...(input.dueAt !== undefined ? { due_at: input.dueAt } : {}),
          ...(input.status !== undefined
            ? { status: input.status, completed_at: input.status === 'open' ? null : now }
            : {}),
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('task_id', '=', taskId)
        .where('version', '=', input.version)
        .returning('task_id')
        .executeTakeFirst(),
      async () => true,
      'task',
    );
    return toTask(await base(tx).where('t.task_id', '=', taskId).executeTakeFirstOrThrow());
  });
}
