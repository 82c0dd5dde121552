import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import {
  can,
  DATA_SCOPES,
  ENTITY_CATALOG,
  normalisePermissions,
  type Action,
  type FieldRules,
} from './permissions.ts';
import { accessChanged, fieldRuleErrors } from './role-rules.ts';
import * as repo from './roles.repository.ts';
import { roles } from './access.table.ts';
import { ROLE_SORTS, type RoleCreate, type RoleListQuery, type RolePatch } from './roles.schema.ts';

const ENTITY = 'roles';

function require(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

const who = (ctx: Ctx) => ({ userId: ctx.actor.userId, now: ctx.now });

function validate(input: { name?: string; fieldRules?: Record<string, string> }): void {
  const errors: FieldError[] = input.fieldRules ? fieldRuleErrors(input.fieldRules) : [];
  if (input.name !== undefined && !input.name.trim()) errors.push({ field: 'name', code: 'required' });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
}

function keyTaken(error: unknown, key: string | undefined): never {
  if (pgErrorCode(error) === '23505' && pgConstraint(error) === 'roles_key_idx')
    throw new AppError('ROLE_KEY_TAKEN', { key }, [{ field: 'key', code: 'taken' }]);
  throw error;
}

export function permissionCatalog(ctx: Ctx) {
  require(ctx, 'read');
  return { entities: ENTITY_CATALOG, dataScopes: [...DATA_SCOPES] };
}

export async function listRoles(ctx: Ctx, query: RoleListQuery) {
  require(ctx, 'read');
  // Creation order puts the built-in roles first, in the order of the product's role list.
  const sort = parseSort(query.sort, ROLE_SORTS, { field: 'createdAt', desc: false });
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listRoles(tx, ctx.actor.orgId, query.q, {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return { items: page.items, total, nextCursor: page.nextCursor };
  });
}

export async function getRole(ctx: Ctx, id: string) {
  require(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findRole(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('role');
    return row;
  });
}

export async function createRole(ctx: Ctx, input: RoleCreate) {
  require(ctx, 'create');
  validate(input);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const id = await repo
      .insertRole(tx, {
        orgId: ctx.actor.orgId,
        key: input.key,
        name: input.name.trim(),
        description: input.description?.trim() ?? '',
        permissions: normalisePermissions(input.permissions ?? {}),
        dataScope: input.dataScope ?? 'own',
        fieldRules: (input.fieldRules ?? {}) as FieldRules,
        isPortal: input.isPortal ?? false,
        builtin: false,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .catch((e) => keyTaken(e, input.key));
    const row = (await repo.findRole(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, row);
    return row;
  });
}

/**
 * Edits a role. When what its users may do changes (permissions, data scope,
 * field rules, portal flag), their sessions end on their next request, so
 * nobody keeps working under rights they were given before the change.
 */
export async function updateRole(ctx: Ctx, id: string, patch: RolePatch) {
  require(ctx, 'update');
  validate(patch);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findRole(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('role');
    if (before.builtin && patch.key !== undefined && patch.key !== before.key)
      throw new AppError('VALIDATION_FAILED', {}, [{ field: 'key', code: 'readOnly' }]);
    const { version, ...fields } = patch;
    const set: Record<string, unknown> = { ...fields };
    if (fields.name !== undefined) set.name = fields.name.trim();
    if (fields.description !== undefined) set.description = fields.description?.trim() ?? '';
    if (fields.permissions !== undefined) set.permissions = normalisePermissions(fields.permissions);
    await updateVersioned(tx, roles, { orgId: ctx.actor.orgId, id, version }, set, who(ctx), 'role').catch(
      (e) => keyTaken(e, patch.key),
    );
    const after = (await repo.findRole(tx, ctx.actor.orgId, id))!;
    if (accessChanged(before, after)) await repo.bumpAuthEpochOfRole(tx, ctx.actor.orgId, id);
    await auditChange(tx, ctx, ENTITY, id, 'update', before, after);
    return after;
  });
}

export async function deleteRole(ctx: Ctx, id: string) {
  require(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findRole(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('role');
    if (before.builtin) throw new AppError('BUILTIN_ROLE');
    const count = await repo.liveUsersWithRole(tx, ctx.actor.orgId, id);
    if (count > 0) throw new AppError('IN_USE', { entity: 'role', count }, { users: count });
    await softDelete(tx, roles, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreRole(ctx: Ctx, id: string) {
  require(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const deleted = await repo.findRole(tx, ctx.actor.orgId, id, { deleted: true });
    if (!deleted) throw notFound('role');
    await restoreDeleted(tx, roles, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, ENTITY, id, 'restore');
    return (await repo.findRole(tx, ctx.actor.orgId, id))!;
  });
}

export async function roleHistory(ctx: Ctx, id: string) {
  require(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row =
      (await repo.findRole(tx, ctx.actor.orgId, id)) ??
      (await repo.findRole(tx, ctx.actor.orgId, id, { deleted: true }));
    if (!row) throw notFound('role');
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}
