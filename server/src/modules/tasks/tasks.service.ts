import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { findOrg } from '../orgs/index.ts';
import * as repo from './tasks.repository.ts';
import { tasks } from './tasks.table.ts';
import { viewWindow } from './task-views.ts';
import { TASK_SORTS, type TaskCreate, type TaskListQuery, type TaskPatch } from './tasks.schema.ts';

const ENTITY = 'tasks';

function requireTasks(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

export const taskLink = (id: string) => `/tasks?open=${id}`;

/** Audit snapshot: what a user can change, plus the status. */
const snapshot = (r: repo.TaskRow) => ({
  title: r.title,
  kind: r.kind,
  status: r.status,
  dueAt: r.dueAt.toISOString(),
  assigneeId: r.assigneeId,
  customerId: r.customerId,
  contactId: r.contactId,
  notes: r.notes,
});

async function visibleTask(tx: Db, ctx: Ctx, id: string) {
  const row = await repo.findTask(tx, ctx.actor, id);
  if (!row) throw notFound('task');
  return row;
}

/** Checks the people and records a write names; every problem becomes a field error. */
async function checkLinks(
  tx: Db,
  ctx: Ctx,
  input: { assigneeId?: string; customerId?: string | null; contactId?: string | null },
  errors: FieldError[],
): Promise<{ customerId: string | null | undefined }> {
  if (input.assigneeId && !(await repo.findAssignableUser(tx, ctx.actor, input.assigneeId)))
    errors.push({ field: 'assigneeId', code: 'notAssignable' });
  let customerId = input.customerId;
  if (customerId && !(await repo.findVisibleCustomer(tx, ctx.actor, customerId)))
    errors.push({ field: 'customerId', code: 'notFound' });
  if (input.contactId) {
    const contact = await repo.findContactCustomer(tx, ctx.actor.orgId, input.contactId);
    if (!contact) errors.push({ field: 'contactId', code: 'notFound' });
    else if (customerId && contact.customerId !== customerId)
      errors.push({ field: 'contactId', code: 'contactNotOfCustomer' });
    else if (!customerId) {
      // A contact alone names its customer, which must be visible too.
      if (await repo.findVisibleCustomer(tx, ctx.actor, contact.customerId)) customerId = contact.customerId;
      else errors.push({ field: 'contactId', code: 'notFound' });
    }
  }
  return { customerId };
}

async function notifyAssigned(tx: Db, ctx: Ctx, row: repo.TaskRow): Promise<void> {
  if (row.assigneeId === ctx.actor.userId) return;
  await notify(tx, [
    {
      orgId: ctx.actor.orgId,
      userId: row.assigneeId,
      kind: 'taskAssigned',
      params: {
        taskId: row.id,
        title: row.title,
        dueAt: row.dueAt.toISOString(),
        by: await repo.userName(tx, ctx.actor.orgId, ctx.actor.userId),
        customerName: row.customerName,
      },
      link: taskLink(row.id),
    },
  ]);
}

export async function listTasks(ctx: Ctx, query: TaskListQuery) {
  requireTasks(ctx, 'read');
  const sort = parseSort(query.sort, TASK_SORTS, { field: 'dueAt', desc: false });
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const org = await findOrg(tx, ctx.actor.orgId);
    const w = viewWindow(query.view, ctx.now, org?.timeZone ?? 'Asia/Shanghai');
    const { rows, total } = await repo.listTasks(
      tx,
      ctx.actor,
      {
        assigneeId: w.mine ? ctx.actor.userId : query.assigneeId,
        status: w.openOnly ? 'open' : query.status,
        kind: query.kind,
        customerId: query.customerId,
        dueFrom: maxDate(w.from, query.dueFrom),
        dueTo: query.dueTo ? new Date(query.dueTo) : undefined,
        dueBefore: w.to,
        q: query.q,
      },
      { sort, cursor: decodeCursor(query.cursor), limit },
    );
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

function maxDate(a: Date | undefined, b: string | undefined): Date | undefined {
  const bd = b ? new Date(b) : undefined;
  if (!a) return bd;
  if (!bd) return a;
  return a > bd ? a : bd;
}

export async function getTask(ctx: Ctx, id: string) {
  requireTasks(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, (tx) => visibleTask(tx, ctx, id));
}

export async function createTask(ctx: Ctx, input: TaskCreate) {
  requireTasks(ctx, 'create');
  const assigneeId = input.assigneeId ?? ctx.actor.userId;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const errors: FieldError[] = [];
    const { customerId } = await checkLinks(tx, ctx, { ...input, assigneeId }, errors);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const id = await repo.insertTask(tx, {
      id: newId(),
      orgId: ctx.actor.orgId,
      title: input.title.trim(),
      kind: input.kind ?? 'other',
      dueAt: new Date(input.dueAt),
      assigneeId,
      customerId: customerId ?? null,
      contactId: input.contactId ?? null,
      notes: input.notes ?? null,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = (await repo.findTask(tx, ctx.actor, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row));
    await notifyAssigned(tx, ctx, row);
    return row;
  });
}

export async function updateTask(ctx: Ctx, id: string, patch: TaskPatch) {
  requireTasks(ctx, 'update');
  const { version, ...changes } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleTask(tx, ctx, id);
    const errors: FieldError[] = [];
    const reassigned = changes.assigneeId !== undefined && changes.assigneeId !== before.assigneeId;
    const relinks = changes.customerId !== undefined || changes.contactId !== undefined;
    const { customerId } = await checkLinks(
      tx,
      ctx,
      {
        assigneeId: reassigned ? changes.assigneeId : undefined,
        customerId: relinks
          ? changes.customerId !== undefined
            ? changes.customerId
            : before.customerId
          : undefined,
        contactId: changes.contactId,
      },
      errors,
    );
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const set: Record<string, unknown> = {};
    if (changes.title !== undefined) set.title = changes.title.trim();
    if (changes.kind !== undefined) set.kind = changes.kind;
    if (changes.notes !== undefined) set.notes = changes.notes;
    if (changes.status !== undefined && changes.status !== before.status) {
      set.status = changes.status;
      set.completedAt = null;
      set.completedBy = null;
    }
    if (relinks) set.customerId = customerId ?? null;
    if (changes.contactId !== undefined) set.contactId = changes.contactId;
    else if (relinks && changes.customerId !== before.customerId) set.contactId = null;
    if (reassigned) set.assigneeId = changes.assigneeId;
    if (changes.dueAt !== undefined) set.dueAt = new Date(changes.dueAt);
    // A new time or a new assignee deserves a new reminder.
    if (reassigned || changes.dueAt !== undefined) set.remindedAt = null;
    await updateVersioned(
      tx,
      tasks,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'task',
    );
    const after = (await repo.findTask(tx, ctx.actor, id)) ?? { ...before, ...set, version: version + 1 };
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after as repo.TaskRow));
    if (reassigned) await notifyAssigned(tx, ctx, after as repo.TaskRow);
    return after as repo.TaskRow;
  });
}

export async function deleteTask(ctx: Ctx, id: string) {
  requireTasks(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleTask(tx, ctx, id);
    await softDelete(tx, tasks, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreTask(ctx: Ctx, id: string) {
  requireTasks(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findTask(tx, ctx.actor, id, { deleted: true }))) throw notFound('task');
    await restoreDeleted(tx, tasks, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return (await repo.findTask(tx, ctx.actor, id))!;
  });
}

/** Complete or reopen; idempotent (completing a done task changes nothing). */
export async function setTaskDone(ctx: Ctx, id: string, done: boolean) {
  requireTasks(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleTask(tx, ctx, id);
    const target = done ? 'done' : 'open';
    if (before.status === target) return before;
    const ok = await repo.setTaskStatus(
      tx,
      ctx.actor.orgId,
      id,
      done
        ? { status: 'done', completedAt: ctx.now, completedBy: ctx.actor.userId }
        : { status: 'open', completedAt: null, completedBy: null },
      { userId: ctx.actor.userId, now: ctx.now },
      before.version,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    const after = (await repo.findTask(tx, ctx.actor, id))!;
    await audit(tx, ctx, ENTITY, id, done ? 'complete' : 'reopen', [
      { field: 'status', old: before.status, new: after.status },
    ]);
    return after;
  });
}

export async function taskHistory(ctx: Ctx, id: string) {
  requireTasks(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleTask(tx, ctx, id);
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
