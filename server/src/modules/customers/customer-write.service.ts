import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, type FieldError } from '../../lib/errors.ts';
import { audit, auditChange } from '../audit/index.ts';
import * as repo from './customers.repository.ts';
import * as owners from './customer-ownership.repository.ts';
import { deleteKeys, insertOwnerChanges, replaceKeys } from './customer-keys.repository.ts';
import { customers } from './customers.table.ts';
import { applyCustomerInput, EMPTY_CUSTOMER, type CustomerFields } from './customer-input.ts';
import { auditSnapshot, fieldsOf, presentCustomer } from './customer-present.ts';
import { keysOf, refuseDuplicates } from './customer-duplicates.service.ts';
import { searchDocs } from './search-weights.ts';
import {
  canManageOwnership,
  checkConfiguredFields,
  codeTaken,
  ENTITY,
  orgWide,
  requireCustomers,
  visibleCustomer,
} from './customers.service.ts';
import type { CustomerCreate, CustomerPatch } from './customers.schema.ts';

interface Assignment {
  ownerId: string | null;
  teamId: string | null;
  departmentId: string | null;
}

/**
 * Who owns the customer, and the team and department that follow the owner (the data
 * scope reads them). A new owner must be an active user the caller can see; no owner
 * (the public pool) and assigning others are for managers — a rep with the "own" scope
 * can only own customers themself. An explicit team wins over the owner's.
 */
async function resolveAssignment(
  tx: Db,
  ctx: Ctx,
  ownerId: string | null,
  teamId: string | null | undefined,
  errors: FieldError[],
): Promise<Assignment | undefined> {
  let a: Assignment | undefined;
  if (ownerId === null) {
    if (!canManageOwnership(ctx.actor)) throw forbidden(ENTITY, 'update');
    a = { ownerId: null, teamId: ctx.actor.teamId, departmentId: ctx.actor.departmentId };
  } else {
    const owner = await owners.findAssignableUser(tx, ctx.actor, ownerId);
    if (!owner) errors.push({ field: 'ownerId', code: 'notFound' });
    else a = { ownerId: owner.id, teamId: owner.teamId, departmentId: owner.departmentId };
  }
  if (teamId !== undefined) {
    if (teamId !== null && !(await owners.teamExists(tx, ctx.actor.orgId, teamId)))
      errors.push({ field: 'teamId', code: 'notFound' });
    else if (a) a.teamId = teamId;
  }
  return a;
}

/** Recomputes the stored search columns from the customer and its live contacts' names. */
export async function refreshCustomerSearch(tx: Db, orgId: string, customerId: string): Promise<void> {
  const source = await repo.searchSourceOf(tx, orgId, customerId);
  if (source) await repo.updateCustomerSearch(tx, orgId, customerId, searchDocs(source));
}

/** The fields the search document is built from (with the contacts' names). */
const SEARCHED = ['name', 'shortName', 'code', 'creditCode', 'phones', 'emails'] as const;

const keyIds = (f: CustomerFields) => new Set(keysOf(f).map((k) => `${k.kind}:${k.value}`));

export async function createCustomer(ctx: Ctx, input: CustomerCreate) {
  requireCustomers(ctx, 'create');
  const { allowDuplicate, ownerId, teamId, ...profile } = input;
  const { fields, errors } = applyCustomerInput(EMPTY_CUSTOMER, profile);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const assignment = await resolveAssignment(
      tx,
      ctx,
      ownerId === undefined ? ctx.actor.userId : ownerId,
      teamId,
      errors,
    );
    errors.push(...(await checkConfiguredFields(tx, ctx, profile, fields, undefined, errors)));
    if (errors.length || !assignment) throw new AppError('VALIDATION_FAILED', {}, errors);
    const keys = keysOf(fields);
    await refuseDuplicates(tx, ctx, keys, undefined, allowDuplicate);
    const id = newId();
    const who = {
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await repo
      .insertCustomer(
        tx,
        {
          id,
          orgId: ctx.actor.orgId,
          ...fields,
          ...assignment,
          ownerAssignedAt: assignment.ownerId ? ctx.now : null,
          ...who,
        },
        searchDocs({ ...fields, contactNames: [] }),
      )
      .catch((e) => codeTaken(e, fields.code));
    await replaceKeys(tx, ctx.actor.orgId, id, keys);
    if (assignment.ownerId)
      await insertOwnerChanges(
        tx,
        ctx.actor.orgId,
        [{ customerId: id, fromOwnerId: null, toOwnerId: assignment.ownerId, reason: 'create' }],
        { userId: ctx.actor.userId, now: ctx.now },
      );
    const row = (await repo.findCustomer(tx, orgWide(ctx.actor), id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, auditSnapshot(row));
    return presentCustomer(ctx.actor, row);
  });
}

export async function updateCustomer(ctx: Ctx, id: string, patch: CustomerPatch) {
  requireCustomers(ctx, 'update');
  const { version, allowDuplicate, ownerId, teamId, ...profile } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleCustomer(tx, ctx, id);
    const { fields, errors } = applyCustomerInput(fieldsOf(before), profile);
    errors.push(...(await checkConfiguredFields(tx, ctx, profile, fields, fieldsOf(before), errors)));
    const ownerChanges = ownerId !== undefined && ownerId !== before.ownerId;
    if (ownerChanges && !canManageOwnership(ctx.actor)) throw forbidden(ENTITY, 'update');
    let assignment: Assignment | undefined;
    if (ownerChanges)
      // Released to the pool, it stays where it was visible; a new owner brings their team and department.
      assignment =
        ownerId === null
          ? { ownerId: null, teamId: before.teamId, departmentId: before.departmentId }
          : await resolveAssignment(tx, ctx, ownerId, undefined, errors);
    if (teamId !== undefined) {
      if (teamId !== null && !(await owners.teamExists(tx, ctx.actor.orgId, teamId)))
        errors.push({ field: 'teamId', code: 'notFound' });
      else
        assignment = {
          ...(assignment ?? {
            ownerId: before.ownerId,
            teamId: before.teamId,
            departmentId: before.departmentId,
          }),
          teamId,
        };
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);

    // Only keys the edit adds are checked: a duplicate a manager saved on purpose stays editable.
    const oldKeys = keyIds(fieldsOf(before));
    const newKeys = keysOf(fields);
    const added = newKeys.filter((k) => !oldKeys.has(`${k.kind}:${k.value}`));
    await refuseDuplicates(tx, ctx, added, id, allowDuplicate);

    const set: Record<string, unknown> = { ...fields };
    if (assignment)
      Object.assign(
        set,
        assignment,
        ownerChanges ? { ownerAssignedAt: assignment.ownerId ? ctx.now : null } : {},
      );
    const who = { userId: ctx.actor.userId, now: ctx.now };
    await updateVersioned(tx, customers, { orgId: ctx.actor.orgId, id, version }, set, who, 'customer').catch(
      (e) => codeTaken(e, fields.code),
    );
    if (added.length || newKeys.length !== oldKeys.size) await replaceKeys(tx, ctx.actor.orgId, id, newKeys);
    if (SEARCHED.some((f) => JSON.stringify(fields[f]) !== JSON.stringify(before[f])))
      await refreshCustomerSearch(tx, ctx.actor.orgId, id);
    if (ownerChanges)
      await insertOwnerChanges(
        tx,
        ctx.actor.orgId,
        [{ customerId: id, fromOwnerId: before.ownerId, toOwnerId: ownerId ?? null, reason: 'edit' }],
        who,
      );
    const after = (await repo.findCustomer(tx, orgWide(ctx.actor), id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', auditSnapshot(before), auditSnapshot(after));
    return presentCustomer(ctx.actor, after);
  });
}

export async function deleteCustomer(ctx: Ctx, id: string) {
  requireCustomers(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleCustomer(tx, ctx, id);
    await softDelete(tx, customers, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    // A customer in the recycle bin is no duplicate of anything; restoring brings its keys back.
    await deleteKeys(tx, ctx.actor.orgId, id);
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreCustomer(ctx: Ctx, id: string) {
  requireCustomers(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const deleted = await visibleCustomer(tx, ctx, id, { deleted: true });
    if (deleted.mergedIntoId)
      throw new AppError('CUSTOMER_MERGED', {}, { mergedIntoId: deleted.mergedIntoId });
    await restoreDeleted(tx, customers, ctx.actor.orgId, id, {
      userId: ctx.actor.userId,
      now: ctx.now,
    }).catch((e) => codeTaken(e, deleted.code));
    await replaceKeys(tx, ctx.actor.orgId, id, keysOf(fieldsOf(deleted)));
    await audit(tx, ctx, ENTITY, id, 'restore');
    return presentCustomer(ctx.actor, (await repo.findCustomer(tx, orgWide(ctx.actor), id))!);
  });
}
