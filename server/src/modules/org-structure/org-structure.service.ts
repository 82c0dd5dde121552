import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { departmentPath, inTreeOrder, wouldCreateCycle } from './department-tree.ts';
import * as repo from './org-structure.repository.ts';
import { departments, teams } from './org-structure.table.ts';
import {
  TEAM_SORTS,
  type DepartmentCreate,
  type DepartmentListQuery,
  type DepartmentPatch,
  type TeamCreate,
  type TeamListQuery,
  type TeamPatch,
} from './org-structure.schema.ts';

// Departments and teams are organisation configuration: whoever may read them
// sees all of them (no data scope); the tenant wall of withTenant still applies.
type Entity = 'departments' | 'teams';

function require(ctx: Ctx, entity: Entity, action: Action): void {
  if (!can(ctx.actor, entity, action)) throw forbidden(entity, action);
}

const who = (ctx: Ctx) => ({ userId: ctx.actor.userId, now: ctx.now });
const stamp = (ctx: Ctx) => ({
  orgId: ctx.actor.orgId,
  createdBy: ctx.actor.userId,
  updatedBy: ctx.actor.userId,
  createdAt: ctx.now,
  updatedAt: ctx.now,
});

function throwIfAny(errors: FieldError[]): void {
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
}

function trimmedName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  throwIfAny(trimmed ? [] : [{ field: 'name', code: 'required' }]);
  return trimmed;
}

/** A reference to a user (manager, leader) must name a live user of this organisation. */
async function checkUserRef(
  tx: Db,
  ctx: Ctx,
  field: string,
  id: string | null | undefined,
  errors: FieldError[],
) {
  if (id && !(await repo.liveUserExists(tx, ctx.actor.orgId, id))) errors.push({ field, code: 'notFound' });
}

/** The path of a live department referenced by `field`, or an error for the field. */
async function departmentRef(tx: Db, ctx: Ctx, field: string, id: string, errors: FieldError[]) {
  const path = await repo.liveDepartmentPath(tx, ctx.actor.orgId, id);
  if (!path) errors.push({ field, code: 'notFound' });
  return path;
}

// ---- departments ----

export async function listDepartments(ctx: Ctx, query: DepartmentListQuery) {
  require(ctx, 'departments', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const items = inTreeOrder(await repo.listDepartments(tx, ctx.actor.orgId, query.q));
    return { items, total: items.length, nextCursor: null };
  });
}

export async function getDepartment(ctx: Ctx, id: string) {
  require(ctx, 'departments', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findDepartment(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('department');
    return row;
  });
}

export async function createDepartment(ctx: Ctx, input: DepartmentCreate) {
  require(ctx, 'departments', 'create');
  const name = trimmedName(input.name)!;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const errors: FieldError[] = [];
    const parentPath = input.parentId
      ? await departmentRef(tx, ctx, 'parentId', input.parentId, errors)
      : null;
    await checkUserRef(tx, ctx, 'managerId', input.managerId, errors);
    throwIfAny(errors);
    const id = newId();
    await repo.insertDepartment(tx, {
      ...stamp(ctx),
      id,
      name,
      parentId: input.parentId ?? null,
      path: departmentPath(parentPath ?? null, id),
      managerId: input.managerId ?? null,
      sortOrder: input.sortOrder ?? 0,
    });
    const row = (await repo.findDepartment(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, 'departments', id, 'create', null, row);
    return row;
  });
}

/** Edits a department; a new parentId moves it with its whole subtree in this transaction. */
export async function updateDepartment(ctx: Ctx, id: string, patch: DepartmentPatch) {
  require(ctx, 'departments', 'update');
  const name = trimmedName(patch.name);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const before = await repo.findDepartment(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('department');
    const moving = patch.parentId !== undefined && patch.parentId !== before.parentId;
    const errors: FieldError[] = [];
    const parentPath =
      moving && patch.parentId ? await departmentRef(tx, ctx, 'parentId', patch.parentId, errors) : null;
    if (patch.managerId !== before.managerId)
      await checkUserRef(tx, ctx, 'managerId', patch.managerId, errors);
    throwIfAny(errors);
    if (parentPath && wouldCreateCycle(before.path, parentPath)) throw new AppError('DEPARTMENT_CYCLE');

    const { version, ...fields } = patch;
    await updateVersioned(
      tx,
      departments,
      { orgId: ctx.actor.orgId, id, version },
      { ...fields, name },
      who(ctx),
      'department',
    );
    if (moving)
      await repo.rewriteSubtreePaths(
        tx,
        ctx.actor.orgId,
        before.path,
        departmentPath(parentPath ?? null, id),
      );
    const after = (await repo.findDepartment(tx, ctx.actor.orgId, id))!;
    // Descendants' paths follow from the parentId change audited here, so they get no entries of their own.
    await auditChange(tx, ctx, 'departments', id, 'update', before, after);
    return after;
  });
}

export async function deleteDepartment(ctx: Ctx, id: string) {
  require(ctx, 'departments', 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const before = await repo.findDepartment(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('department');
    const usage = await repo.departmentUsage(tx, ctx.actor.orgId, id);
    const count = usage.departments + usage.teams + usage.users;
    if (count > 0) throw new AppError('IN_USE', { entity: 'department', count }, usage);
    await softDelete(tx, departments, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, 'departments', id, 'delete');
  });
}

export async function restoreDepartment(ctx: Ctx, id: string) {
  require(ctx, 'departments', 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const deleted = await repo.findDepartment(tx, ctx.actor.orgId, id, { deleted: true });
    if (!deleted) throw notFound('department');
    if (deleted.parentId && !(await repo.liveDepartmentPath(tx, ctx.actor.orgId, deleted.parentId)))
      throw new AppError('DEPARTMENT_DELETED');
    await restoreDeleted(tx, departments, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, 'departments', id, 'restore');
    return (await repo.findDepartment(tx, ctx.actor.orgId, id))!;
  });
}

export async function departmentHistory(ctx: Ctx, id: string) {
  require(ctx, 'departments', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row =
      (await repo.findDepartment(tx, ctx.actor.orgId, id)) ??
      (await repo.findDepartment(tx, ctx.actor.orgId, id, { deleted: true }));
    if (!row) throw notFound('department');
    return { items: await recordHistory(tx, ctx.actor, 'departments', id) };
  });
}

// ---- teams ----

export async function listTeams(ctx: Ctx, query: TeamListQuery) {
  require(ctx, 'teams', 'read');
  const sort = parseSort(query.sort, TEAM_SORTS, { field: 'name', desc: false });
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listTeams(tx, ctx.actor.orgId, query, {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

export async function getTeam(ctx: Ctx, id: string) {
  require(ctx, 'teams', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findTeam(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('team');
    return row;
  });
}

export async function createTeam(ctx: Ctx, input: TeamCreate) {
  require(ctx, 'teams', 'create');
  const name = trimmedName(input.name)!;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    // The tree lock keeps a team from landing in a department that is being deleted.
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const errors: FieldError[] = [];
    if (input.departmentId) await departmentRef(tx, ctx, 'departmentId', input.departmentId, errors);
    await checkUserRef(tx, ctx, 'leaderId', input.leaderId, errors);
    throwIfAny(errors);
    const row = await repo.insertTeam(tx, {
      ...stamp(ctx),
      name,
      departmentId: input.departmentId ?? null,
      leaderId: input.leaderId ?? null,
    });
    const created = (await repo.findTeam(tx, ctx.actor.orgId, row.id))!;
    await auditChange(tx, ctx, 'teams', row.id, 'create', null, created);
    return created;
  });
}

export async function updateTeam(ctx: Ctx, id: string, patch: TeamPatch) {
  require(ctx, 'teams', 'update');
  const name = trimmedName(patch.name);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const before = await repo.findTeam(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('team');
    const errors: FieldError[] = [];
    if (patch.departmentId && patch.departmentId !== before.departmentId)
      await departmentRef(tx, ctx, 'departmentId', patch.departmentId, errors);
    if (patch.leaderId !== before.leaderId) await checkUserRef(tx, ctx, 'leaderId', patch.leaderId, errors);
    throwIfAny(errors);
    const { version, ...fields } = patch;
    await updateVersioned(
      tx,
      teams,
      { orgId: ctx.actor.orgId, id, version },
      { ...fields, name },
      who(ctx),
      'team',
    );
    const after = (await repo.findTeam(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, 'teams', id, 'update', before, after);
    return after;
  });
}

export async function deleteTeam(ctx: Ctx, id: string) {
  require(ctx, 'teams', 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findTeam(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('team');
    const count = await repo.teamUserCount(tx, ctx.actor.orgId, id);
    if (count > 0) throw new AppError('IN_USE', { entity: 'team', count }, { users: count });
    await softDelete(tx, teams, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, 'teams', id, 'delete');
  });
}

export async function restoreTeam(ctx: Ctx, id: string) {
  require(ctx, 'teams', 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await repo.lockDepartmentTree(tx, ctx.actor.orgId);
    const deleted = await repo.findTeam(tx, ctx.actor.orgId, id, { deleted: true });
    if (!deleted) throw notFound('team');
    if (deleted.departmentId && !(await repo.liveDepartmentPath(tx, ctx.actor.orgId, deleted.departmentId)))
      throw new AppError('DEPARTMENT_DELETED');
    await restoreDeleted(tx, teams, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, 'teams', id, 'restore');
    return (await repo.findTeam(tx, ctx.actor.orgId, id))!;
  });
}

export async function teamHistory(ctx: Ctx, id: string) {
  require(ctx, 'teams', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row =
      (await repo.findTeam(tx, ctx.actor.orgId, id)) ??
      (await repo.findTeam(tx, ctx.actor.orgId, id, { deleted: true }));
    if (!row) throw notFound('team');
    return { items: await recordHistory(tx, ctx.actor, 'teams', id) };
  });
}
