import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, type FieldError } from '../../lib/errors.ts';
import { translateError, translateRule } from '../../i18n/messages.ts';
import { audit } from '../audit/index.ts';
import { canManageOwnership, ENTITY, getCustomer, requireCustomers } from './customers.service.ts';
import { updateCustomer } from './customer-write.service.ts';
import * as owners from './customer-ownership.repository.ts';
import { transferCustomers } from './customer-ownership.service.ts';
import { releaseCustomer, requirePool } from './pool.service.ts';
import type { BulkBody } from './customer-bulk.schema.ts';

/** What the action needs before any customer is touched: permissions and its own parameters. */
function checkRequest(ctx: Ctx, body: BulkBody): void {
  const missing = (field: string): FieldError[] => [{ field, code: 'required' }];
  switch (body.action) {
    case 'assign':
    case 'transfer':
      requireCustomers(ctx, 'update');
      if (!canManageOwnership(ctx.actor)) throw forbidden(ENTITY, 'update');
      if (!body.ownerId) throw new AppError('VALIDATION_FAILED', {}, missing('ownerId'));
      return;
    case 'addTags':
    case 'removeTags':
      requireCustomers(ctx, 'update');
      if (!body.tags) throw new AppError('VALIDATION_FAILED', {}, missing('tags'));
      return;
    case 'release':
      requirePool(ctx, 'delete');
      if (!body.reason?.trim()) throw new AppError('VALIDATION_FAILED', {}, missing('reason'));
      return;
  }
}

/** One customer through the same use case a single edit, transfer or release goes through. */
async function applyOne(ctx: Ctx, body: BulkBody, id: string): Promise<void> {
  const customer = await getCustomer(ctx, id); // NOT_FOUND outside the caller's data scope
  switch (body.action) {
    case 'assign':
    case 'transfer': {
      const to = body.ownerId!;
      if (customer.ownerId === to) return;
      if (customer.ownerId === null)
        await updateCustomer(ctx, id, { version: customer.version, ownerId: to });
      else await transferCustomers(ctx, { fromOwnerId: customer.ownerId, toOwnerId: to, customerIds: [id] });
      return;
    }
    case 'addTags':
    case 'removeTags': {
      const given = new Set(body.tags!.map((t) => t.trim()));
      const tags =
        body.action === 'addTags'
          ? [...new Set([...customer.tags, ...given])]
          : customer.tags.filter((t) => !given.has(t));
      if (tags.length === customer.tags.length && tags.every((t, i) => t === customer.tags[i])) return;
      await updateCustomer(ctx, id, { version: customer.version, tags });
      return;
    }
    case 'release':
      await releaseCustomer(ctx, id, body.reason!);
  }
}

function describe(ctx: Ctx, e: AppError): string {
  const first = Array.isArray(e.details) ? (e.details[0] as FieldError | undefined) : undefined;
  const base = translateError(ctx.locale, e.code, e.params);
  return first?.field ? `${base} ${translateRule(ctx.locale, first.code, first.field, first.params)}` : base;
}

/**
 * Applies one action to up to 1000 customers. Each customer is its own transaction (the same
 * use case as a single edit, transfer or release, with its own audit entry and ownership
 * history): one refused customer — outside the caller's scope (NOT_FOUND), edited meanwhile,
 * already in the pool — is reported in `failed` and does not undo the others. A summary entry
 * records the bulk action itself.
 */
export async function bulkCustomers(ctx: Ctx, body: BulkBody) {
  checkRequest(ctx, body);
  if (body.ownerId && (body.action === 'assign' || body.action === 'transfer')) {
    // A wrong new owner is the request's fault, not each customer's.
    const owner = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      owners.findAssignableUser(tx, ctx.actor, body.ownerId!),
    );
    if (!owner) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'ownerId', code: 'notFound' }]);
  }
  const ids = [...new Set(body.ids)];
  const failed: { id: string; code: string; message: string }[] = [];
  let done = 0;
  for (const id of ids) {
    try {
      await applyOne(ctx, body, id);
      done++;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      failed.push({ id, code: e.code, message: describe(ctx, e) });
    }
  }
  await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    audit(tx, ctx, ENTITY, null, `bulk:${body.action}`, [
      { field: 'done', old: null, new: done },
      { field: 'failed', old: null, new: failed.length },
    ]),
  );
  return { done, failed };
}
