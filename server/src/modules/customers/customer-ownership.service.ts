import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, type FieldError } from '../../lib/errors.ts';
import { audit, auditChange, diffRecords } from '../audit/index.ts';
import * as repo from './customers.repository.ts';
import * as owners from './customer-ownership.repository.ts';
import { deleteKeys, insertOwnerChanges, replaceKeys } from './customer-keys.repository.ts';
import { customers } from './customers.table.ts';
import { mergeCustomerFields } from './customer-input.ts';
import { refreshActivity } from '../interactions/index.ts';
import { auditSnapshot, fieldsOf, presentCustomer } from './customer-present.ts';
import { keysOf } from './customer-duplicates.service.ts';
import { refreshCustomerSearch } from './customer-write.service.ts';
import {
  canManageOwnership,
  codeTaken,
  ENTITY,
  orgWide,
  requireCustomers,
  visibleCustomer,
} from './customers.service.ts';
import type { MergeBody, TransferBody } from './customers.schema.ts';

/**
 * Hands a rep's customers (all the caller can see, or the listed ones) to another rep in one
 * transaction: team and department follow the new owner, each customer gets an ownership
 * history entry and an audit entry. Anything wrong → nothing changes.
 */
export async function transferCustomers(ctx: Ctx, body: TransferBody) {
  requireCustomers(ctx, 'update');
  if (!canManageOwnership(ctx.actor)) throw forbidden(ENTITY, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const errors: FieldError[] = [];
    const to = await owners.findAssignableUser(tx, ctx.actor, body.toOwnerId);
    if (!to) errors.push({ field: 'toOwnerId', code: 'notFound' });
    else if (to.id === body.fromOwnerId) errors.push({ field: 'toOwnerId', code: 'sameOwner' });
    const ids = body.customerIds ? [...new Set(body.customerIds)] : undefined;
    const rows = to ? await owners.findOwnedCustomers(tx, ctx.actor, body.fromOwnerId, ids) : [];
    if (body.customerIds) {
      const found = new Set(rows.map((r) => r.id));
      body.customerIds.forEach((id, i) => {
        if (!found.has(id)) errors.push({ field: `customerIds[${i}]`, code: 'notOwned' });
      });
    }
    if (errors.length || !to) throw new AppError('VALIDATION_FAILED', {}, errors);

    const who = { userId: ctx.actor.userId, now: ctx.now };
    const target = { ownerId: to.id, teamId: to.teamId, departmentId: to.departmentId };
    const moved = rows.map((r) => r.id);
    await owners.assignOwner(tx, ctx.actor.orgId, moved, target, who);
    await insertOwnerChanges(
      tx,
      ctx.actor.orgId,
      moved.map((customerId) => ({
        customerId,
        fromOwnerId: body.fromOwnerId,
        toOwnerId: to.id,
        reason: 'transfer' as const,
      })),
      who,
    );
    for (const r of rows)
      await audit(
        tx,
        ctx,
        ENTITY,
        r.id,
        'transfer',
        diffRecords({ ownerId: body.fromOwnerId, teamId: r.teamId, departmentId: r.departmentId }, target),
      );
    return { transferred: moved.length, customerIds: moved };
  });
}

/**
 * Merges a duplicate into the customer kept: contacts move over, the kept customer's empty
 * fields take the duplicate's values, phones, emails and tags are united, and the duplicate
 * goes to the recycle bin marked merged (its history stays readable). One transaction.
 */
export async function mergeCustomers(ctx: Ctx, keptId: string, body: MergeBody) {
  requireCustomers(ctx, 'update');
  if (body.duplicateId === keptId)
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'duplicateId', code: 'sameRecord' }]);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const kept = await visibleCustomer(tx, ctx, keptId);
    const dup = await visibleCustomer(tx, ctx, body.duplicateId);
    if (kept.version !== body.version) throw new AppError('VERSION_CONFLICT');
    const who = { userId: ctx.actor.userId, now: ctx.now };
    const orgId = ctx.actor.orgId;

    // The duplicate leaves first, so a code it held can pass to the kept customer.
    await softDelete(tx, customers, orgId, dup.id, who);
    await owners.markMerged(tx, orgId, dup.id, kept.id);
    await deleteKeys(tx, orgId, dup.id);
    const contactIds = await owners.moveContacts(tx, orgId, dup.id, kept.id, who);
    const followUps = await owners.moveFollowUps(tx, orgId, dup.id, kept.id, who);

    const merged = mergeCustomerFields(fieldsOf(kept), fieldsOf(dup));
    await updateVersioned(
      tx,
      customers,
      { orgId, id: kept.id, version: body.version },
      { ...merged },
      who,
      'customer',
    ).catch((e) => codeTaken(e, merged.code));
    await replaceKeys(tx, orgId, kept.id, keysOf(merged));
    await refreshCustomerSearch(tx, orgId, kept.id);
    if (dup.ownerId !== kept.ownerId)
      await insertOwnerChanges(
        tx,
        orgId,
        [{ customerId: dup.id, fromOwnerId: dup.ownerId, toOwnerId: kept.ownerId, reason: 'merge' }],
        who,
      );

    const after = (await repo.findCustomer(tx, orgWide(ctx.actor), kept.id))!;
    await audit(tx, ctx, ENTITY, kept.id, 'merge', [
      { field: 'mergedFrom', old: null, new: dup.id },
      ...diffRecords(auditSnapshot(kept), auditSnapshot(after)),
    ]);
    await auditChange(tx, ctx, ENTITY, dup.id, 'merged', { mergedIntoId: null }, { mergedIntoId: kept.id });
    for (const [entity, ids] of [
      ['contacts', contactIds],
      ['interactions', followUps.interactionIds],
      ['tasks', followUps.taskIds],
    ] as const)
      for (const id of ids)
        await audit(tx, ctx, entity, id, 'update', [{ field: 'customerId', old: dup.id, new: kept.id }]);
    // The kept customer's communication behaviour now includes the duplicate's interactions.
    await refreshActivity(tx, orgId, kept.id, after.ownerId);
    return presentCustomer(ctx.actor, after);
  });
}
