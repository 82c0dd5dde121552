import { sql } from 'drizzle-orm';
import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { parseSort, decodeCursor, pageBySort } from '../../lib/paging.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { applyFieldRules, can, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import { endUserSessions, hashPassword, isStrongEnough } from '../auth/index.ts';
import { toSpreadsheet } from '../../lib/xlsx.ts';
import * as repo from './users.repository.ts';
import { users } from './users.table.ts';
import { USER_SORTS, type UserCreate, type UserListQuery, type UserPatch } from './users.schema.ts';

const ENTITY = 'users';

function need(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

/** What leaves the server: no secrets, field rules applied. */
function present(ctx: Ctx, row: NonNullable<Awaited<ReturnType<typeof repo.findUser>>>) {
  const { orgId: _o, deletedAt: _d, authEpoch: _a, ...rest } = row;
  return applyFieldRules(ctx.actor, ENTITY, rest);
}

async function checkReferences(
  tx: Db,
  ctx: Ctx,
  input: { role?: string; departmentId?: string | null; teamId?: string | null },
) {
  const errors: FieldError[] = [];
  let roleId: string | undefined;
  if (input.role !== undefined) {
    roleId = (await repo.findRoleByKey(tx, ctx.actor.orgId, input.role))?.id;
    if (!roleId) errors.push({ field: 'role', code: 'notFound' });
  }
  if (input.departmentId && !(await repo.departmentExists(tx, ctx.actor.orgId, input.departmentId)))
    errors.push({ field: 'departmentId', code: 'notFound' });
  if (input.teamId && !(await repo.teamExists(tx, ctx.actor.orgId, input.teamId)))
    errors.push({ field: 'teamId', code: 'notFound' });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return { roleId };
}

/** The fields a user's history shows: what is stored, the role by key, no derived names. */
function auditable(row: NonNullable<Awaited<ReturnType<typeof repo.findUser>>>) {
  const { name, email, phone, roleKey, departmentId, teamId, customerId, locale, status } = row;
  return { name, email, phone, role: roleKey, departmentId, teamId, customerId, locale, status };
}

function emailTaken(error: unknown, email: string | undefined): never {
  if (pgErrorCode(error) === '23505' && pgConstraint(error) === 'users_email_idx')
    throw new AppError('EMAIL_TAKEN', { email }, [{ field: 'email', code: 'taken' }]);
  throw error;
}

export async function listUsers(ctx: Ctx, query: UserListQuery) {
  need(ctx, 'read');
  const sort = parseSort(query.sort, USER_SORTS, { field: 'name', desc: false });
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listUsers(tx, ctx.actor, query, {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items.map((r) => present(ctx, r)), total, nextCursor: page.nextCursor };
  });
}

export async function getUser(ctx: Ctx, id: string) {
  need(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findUser(tx, ctx.actor, id);
    if (!row) throw notFound('user');
    return present(ctx, row);
  });
}

export async function createUser(ctx: Ctx, input: UserCreate) {
  need(ctx, 'create');
  if (!isStrongEnough(input.password))
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'password', code: 'weakPassword' }]);
  const passwordHash = await hashPassword(input.password);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { roleId } = await checkReferences(tx, ctx, input);
    const id = await repo
      .insertUser(tx, {
        orgId: ctx.actor.orgId,
        name: input.name.trim(),
        email: input.email.trim(),
        phone: input.phone ?? null,
        passwordHash,
        roleId: roleId!,
        departmentId: input.departmentId ?? null,
        teamId: input.teamId ?? null,
        customerId: input.customerId ?? null,
        locale: input.locale ?? 'zh-CN',
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .catch((e) => emailTaken(e, input.email));
    const row = await repo.findUser(tx, { ...ctx.actor, dataScope: 'org' }, id);
    await auditChange(tx, ctx, ENTITY, id, 'create', null, auditable(row!));
    return present(ctx, row!);
  });
}

export async function updateUser(ctx: Ctx, id: string, patch: UserPatch) {
  need(ctx, 'update');
  if (patch.password !== undefined && !isStrongEnough(patch.password))
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'password', code: 'weakPassword' }]);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findUser(tx, ctx.actor, id);
    if (!before) throw notFound('user');
    const { roleId } = await checkReferences(tx, ctx, patch);
    const { version, role: _r, password: _p, ...fields } = patch;
    const set: Record<string, unknown> = { ...fields };
    if (roleId) set.roleId = roleId;
    if (passwordHash) set.passwordHash = passwordHash;
    // Role change, disable and a new password end the user's sessions on their next request.
    const endsSessions =
      (roleId && roleId !== before.roleId) ||
      (patch.status === 'disabled' && before.status !== 'disabled') ||
      passwordHash;
    if (endsSessions) set.authEpoch = sql`${users.authEpoch} + 1`;
    await updateVersioned(
      tx,
      users,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'user',
    ).catch((e) => emailTaken(e, patch.email));
    const after = (await repo.findUser(tx, ctx.actor, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', auditable(before), auditable(after));
    if (passwordHash) await audit(tx, ctx, ENTITY, id, 'password_reset');
    if (endsSessions) await endUserSessions(tx, ctx.actor.orgId, id);
    return present(ctx, after);
  });
}

export async function deleteUser(ctx: Ctx, id: string) {
  need(ctx, 'delete');
  if (id === ctx.actor.userId) throw forbidden(ENTITY, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findUser(tx, ctx.actor, id);
    if (!before) throw notFound('user');
    await softDelete(tx, users, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
    await endUserSessions(tx, ctx.actor.orgId, id);
  });
}

export async function restoreUser(ctx: Ctx, id: string) {
  need(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const deleted = await repo.findUser(tx, ctx.actor, id, { deleted: true });
    if (!deleted) throw notFound('user');
    await restoreDeleted(tx, users, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'restore');
    return present(ctx, (await repo.findUser(tx, ctx.actor, id))!);
  });
}

export async function userHistory(ctx: Ctx, id: string) {
  need(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row =
      (await repo.findUser(tx, ctx.actor, id)) ?? (await repo.findUser(tx, ctx.actor, id, { deleted: true }));
    if (!row) throw notFound('user');
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}

/** Shows a masked field in clear, once, and logs that it was seen. */
export async function revealUserField(ctx: Ctx, id: string, field: 'phone' | 'email') {
  need(ctx, 'reveal');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findUser(tx, ctx.actor, id);
    if (!row) throw notFound('user');
    await audit(tx, ctx, ENTITY, id, 'reveal', [{ field, old: null, new: null }]);
    return { value: row[field] };
  });
}

export async function changeOwnPassword(
  ctx: Ctx,
  current: string,
  next: string,
  verify: (pw: string, hash: string) => Promise<boolean>,
) {
  if (!isStrongEnough(next))
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'newPassword', code: 'weakPassword' }]);
  const hash = await hashPassword(next);
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findPasswordHash(tx, ctx.actor.orgId, ctx.actor.userId);
    if (!row || !(await verify(current, row.hash)))
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'currentPassword', code: 'wrongPassword' }]);
    await repo.setPassword(tx, ctx.actor.orgId, ctx.actor.userId, hash, ctx.now);
    await audit(tx, ctx, ENTITY, ctx.actor.userId, 'password_change');
    await endUserSessions(tx, ctx.actor.orgId, ctx.actor.userId);
  });
}

const EXPORT_HEADERS = {
  en: {
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    role: 'Role',
    department: 'Department',
    team: 'Team',
    status: 'Status',
    createdAt: 'Created at',
  },
  'zh-CN': {
    name: '姓名',
    email: '邮箱',
    phone: '手机号',
    role: '角色',
    department: '部门',
    team: '团队',
    status: '状态',
    createdAt: '创建时间',
  },
};

/** The list as a spreadsheet: same filters, same data scope, same masking, and audited. */
export async function exportUsers(ctx: Ctx, query: UserListQuery, format: 'csv' | 'xlsx') {
  need(ctx, 'export');
  const sort = parseSort(query.sort, USER_SORTS, { field: 'name', desc: false });
  const rows = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows } = await repo.listUsers(tx, ctx.actor, query, { sort, limit: 100_000 });
    await audit(tx, ctx, ENTITY, null, 'export', [{ field: 'rows', old: null, new: rows.length }]);
    return rows.map((r) => present(ctx, r));
  });
  const h = EXPORT_HEADERS[ctx.locale];
  type Row = (typeof rows)[number];
  const columns = [
    { header: h.name, value: (r: Row) => r.name },
    { header: h.email, value: (r: Row) => r.email },
    { header: h.phone, value: (r: Row) => r.phone },
    { header: h.role, value: (r: Row) => r.roleName },
    { header: h.department, value: (r: Row) => r.departmentName },
    { header: h.team, value: (r: Row) => r.teamName },
    { header: h.status, value: (r: Row) => r.status },
    { header: h.createdAt, value: (r: Row) => r.createdAt },
  ];
  return toSpreadsheet(format, 'users', columns, rows);
}
