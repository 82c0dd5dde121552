import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { restoreDeleted, softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, pageOf, parseSort } from '../../lib/paging.ts';
import { can, fieldRule, type Action } from '../access/index.ts';
import { audit, auditChange, recordHistory } from '../audit/index.ts';
import {
  highlight,
  maskedFields,
  maskList,
  refreshCustomerSearch,
  searchDocs,
  searchQuery,
} from '../customers/index.ts';
import {
  cfSortValue,
  fieldDefsOf,
  parseCfFilters,
  parseCfSort,
  validateCustomFields,
} from '../customization/index.ts';
import * as repo from './contacts.repository.ts';
import { contacts } from './contacts.table.ts';
import { applyContactInput, EMPTY_CONTACT, type ContactFields } from './contact-input.ts';
import {
  CONTACT_SORTS,
  type ContactCreate,
  type ContactListQuery,
  type ContactPatch,
} from './contacts.schema.ts';

export const ENTITY = 'contacts';

export function requireContacts(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

function fieldsOf(row: repo.ContactRow): ContactFields {
  const {
    id: _i,
    version: _v,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    customerId: _c,
    customerName: _n,
    ...f
  } = row;
  return f;
}

/** Audit snapshot: the stored values and the customer link. */
const snapshot = (row: repo.ContactRow) => ({ customerId: row.customerId, ...fieldsOf(row) });

function present(ctx: Ctx, row: repo.ContactRow, q?: string) {
  return {
    ...row,
    phones: maskList(fieldRule(ctx.actor, ENTITY, 'phones'), row.phones),
    emails: maskList(fieldRule(ctx.actor, ENTITY, 'emails'), row.emails),
    ...(q ? { highlight: highlight(row.name, q) } : {}),
  };
}

const docsOf = (f: Pick<ContactFields, 'name' | 'phones' | 'emails'>) =>
  searchDocs({ contactNames: [f.name], phones: f.phones, emails: f.emails });

async function visibleContact(tx: Db, ctx: Ctx, id: string, opts: { deleted?: boolean } = {}) {
  const row = await repo.findContact(tx, ctx.actor, id, opts);
  if (!row) throw notFound('contact');
  return row;
}

/** The customer a write names must be one the caller sees; otherwise the field is wrong. */
async function customerFor(tx: Db, ctx: Ctx, customerId: string) {
  const customer = await repo.findVisibleCustomer(tx, ctx.actor, customerId);
  if (!customer) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'customerId', code: 'notFound' }]);
  return customer;
}

/**
 * Checks the submitted custom fields against the organisation's definitions for contacts: all of
 * them on create, and on a patch that names customFields (merged per key over the stored values).
 */
async function checkCustomFields(
  tx: Db,
  ctx: Ctx,
  input: { customFields?: Record<string, unknown> },
  fields: ContactFields,
  before?: ContactFields,
): Promise<FieldError[]> {
  if (before && input.customFields === undefined) return [];
  const defs = await fieldDefsOf(tx, ctx.actor.orgId, ENTITY);
  const r = validateCustomFields(defs, input.customFields ?? {}, {
    partial: !!before,
    stored: before?.customFields,
  });
  fields.customFields = r.values;
  return r.errors;
}

/** Filters and sort of the list, custom fields included (an unknown one is a 400 naming it). */
export async function listingOf(tx: Db, ctx: Ctx, query: ContactListQuery) {
  const defs = await fieldDefsOf(tx, ctx.actor.orgId, ENTITY);
  const { conditions, errors } = parseCfFilters(defs, query);
  const cf = parseCfSort(defs, query.sort);
  if (cf.error) errors.push(cf.error);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  const sort = cf.sort
    ? { field: `cf.${cf.sort.key}`, desc: cf.sort.desc }
    : parseSort(query.sort, CONTACT_SORTS, { field: 'name', desc: false });
  const { customerId, decisionRole, isKeyPerson } = query;
  const filter: repo.ContactFilter = {
    customerId,
    decisionRole,
    isKeyPerson,
    search: searchQuery(query.q, maskedFields(ctx.actor, ENTITY)),
    cf: conditions,
  };
  return { filter, sort, cfSort: cf.sort, defs };
}

export async function listContacts(ctx: Ctx, query: ContactListQuery) {
  requireContacts(ctx, 'read');
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { filter, sort, cfSort } = await listingOf(tx, ctx, query);
    const { rows, total } = await repo.listContacts(tx, ctx.actor, filter, {
      sort,
      cfSort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = cfSort
      ? pageOf(rows, limit, (r) => ({ v: cfSortValue(cfSort, r.customFields), id: r.id }))
      : pageBySort(rows, limit, sort.field);
    return { items: page.items.map((r) => present(ctx, r, query.q)), total, nextCursor: page.nextCursor };
  });
}

/** A customer's contacts: 404 when the customer itself is not visible. */
export async function listCustomerContacts(
  ctx: Ctx,
  customerId: string,
  query: Omit<ContactListQuery, 'customerId'>,
) {
  requireContacts(ctx, 'read');
  const visible = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    repo.findVisibleCustomer(tx, ctx.actor, customerId),
  );
  if (!visible) throw notFound('customer');
  return listContacts(ctx, { ...query, customerId });
}

export async function getContact(ctx: Ctx, id: string) {
  requireContacts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => present(ctx, await visibleContact(tx, ctx, id)));
}

export async function createContact(ctx: Ctx, input: ContactCreate) {
  requireContacts(ctx, 'create');
  const { customerId, ...profile } = input;
  const { fields, errors } = applyContactInput(EMPTY_CONTACT, profile);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const customer = await repo.findVisibleCustomer(tx, ctx.actor, customerId);
    if (!customer) errors.push({ field: 'customerId', code: 'notFound' });
    errors.push(...(await checkCustomFields(tx, ctx, profile, fields)));
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const who = {
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    const id = await repo.insertContact(
      tx,
      { id: newId(), orgId: ctx.actor.orgId, customerId, ...fields, ...who },
      docsOf(fields),
    );
    await refreshCustomerSearch(tx, ctx.actor.orgId, customerId);
    const row = (await repo.findContact(tx, ctx.actor, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row));
    return present(ctx, row);
  });
}

export async function updateContact(ctx: Ctx, id: string, patch: ContactPatch) {
  requireContacts(ctx, 'update');
  const { version, customerId, ...profile } = patch;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await visibleContact(tx, ctx, id);
    const { fields, errors } = applyContactInput(fieldsOf(before), profile);
    errors.push(...(await checkCustomFields(tx, ctx, profile, fields, fieldsOf(before))));
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const moves = customerId !== undefined && customerId !== before.customerId;
    if (moves) await customerFor(tx, ctx, customerId);
    const set = { ...fields, ...(moves ? { customerId } : {}) };
    await updateVersioned(
      tx,
      contacts,
      { orgId: ctx.actor.orgId, id, version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'contact',
    );
    await repo.updateContactSearch(tx, ctx.actor.orgId, id, docsOf(fields));
    await refreshCustomerSearch(tx, ctx.actor.orgId, before.customerId);
    if (moves) await refreshCustomerSearch(tx, ctx.actor.orgId, customerId);
    const after = (await repo.findContact(tx, ctx.actor, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return present(ctx, after);
  });
}

export async function deleteContact(ctx: Ctx, id: string) {
  requireContacts(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleContact(tx, ctx, id);
    await softDelete(tx, contacts, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await refreshCustomerSearch(tx, ctx.actor.orgId, row.customerId);
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

export async function restoreContact(ctx: Ctx, id: string) {
  requireContacts(ctx, 'delete');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleContact(tx, ctx, id, { deleted: true });
    await restoreDeleted(tx, contacts, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await refreshCustomerSearch(tx, ctx.actor.orgId, row.customerId);
    await audit(tx, ctx, ENTITY, id, 'restore');
    return present(ctx, (await repo.findContact(tx, ctx.actor, id))!);
  });
}

export async function contactHistory(ctx: Ctx, id: string) {
  requireContacts(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findContact(tx, ctx.actor, id))) await visibleContact(tx, ctx, id, { deleted: true });
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
  });
}

export async function revealContactField(ctx: Ctx, id: string, field: 'phones' | 'emails') {
  requireContacts(ctx, 'reveal');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleContact(tx, ctx, id);
    await audit(tx, ctx, ENTITY, id, 'reveal', [{ field, old: null, new: null }]);
    return { value: row[field] };
  });
}
