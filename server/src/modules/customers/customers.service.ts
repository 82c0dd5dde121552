import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, pageOf, parseSort } from '../../lib/paging.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { audit, recordHistory } from '../audit/index.ts';
import { can, fieldRule, recordScope, type Action, type Actor } from '../access/index.ts';
import * as repo from './customers.repository.ts';
import { listOwnerChanges } from './customer-keys.repository.ts';
import { divisionName, presentCustomer, type CustomerRow } from './customer-present.ts';
import { findDivision } from './divisions.ts';
import { searchQuery } from './search-weights.ts';
import { CUSTOMER_SORTS, type CustomerListQuery } from './customers.schema.ts';
import type { CustomerFields, CustomerInput } from './customer-input.ts';
import {
  cfSortValue,
  checkDictionaryValues,
  CUSTOMER_DICTIONARY_FIELDS,
  fieldDefsOf,
  parseCfFilters,
  parseCfSort,
  validateCustomFields,
} from '../customization/index.ts';

export const ENTITY = 'customers';

export function requireCustomers(ctx: Ctx, action: Action, entity = ENTITY): void {
  if (!can(ctx.actor, entity, action)) throw forbidden(entity, action);
}

/**
 * Reassigning customers (transfer, a new owner on edit, the public pool, saving a
 * duplicate on purpose) belongs to those who see beyond their own customers: managers
 * and administrators, not reps with the "own" data scope.
 */
export function canManageOwnership(actor: Actor): boolean {
  return can(actor, ENTITY, 'update') && recordScope(actor).kind !== 'own';
}

/** Reads after a write see the record whatever the caller's data scope (like users). */
export const orgWide = (actor: Actor): Actor => ({ ...actor, dataScope: 'org' });

export function maskedFields(actor: Actor, entity = ENTITY) {
  return { phones: !!fieldRule(actor, entity, 'phones'), emails: !!fieldRule(actor, entity, 'emails') };
}

export async function visibleCustomer(
  tx: Db,
  ctx: Ctx,
  id: string,
  opts: { deleted?: boolean } = {},
): Promise<CustomerRow> {
  const row = await repo.findCustomer(tx, ctx.actor, id, opts);
  if (!row) throw notFound('customer');
  return row;
}

/**
 * What the organisation configured: custom-field values are checked against their definitions
 * and normalised into `fields` (a patch merges per key; null clears one; required fields are
 * checked on the result whenever the write touches custom fields), and type, source, industry
 * and relationship level must be active dictionary entries when they change.
 */
export async function checkConfiguredFields(
  tx: Db,
  ctx: Ctx,
  input: CustomerInput,
  fields: CustomerFields,
  before?: CustomerFields,
  previous: FieldError[] = [],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!before || input.customFields !== undefined) {
    const defs = await fieldDefsOf(tx, ctx.actor.orgId, ENTITY);
    const r = validateCustomFields(defs, input.customFields ?? {}, {
      partial: !!before,
      stored: before?.customFields,
    });
    fields.customFields = r.values;
    // A value the shape check (customer-input.ts) refused already is named once.
    const named = new Set(previous.map((e) => e.field));
    errors.push(...r.errors.filter((e) => !named.has(e.field)));
  }
  const changed: Record<string, string | null> = {};
  for (const f of Object.keys(CUSTOMER_DICTIONARY_FIELDS) as (keyof typeof CUSTOMER_DICTIONARY_FIELDS)[])
    if (input[f] !== undefined && fields[f] !== (before?.[f] ?? null)) changed[f] = fields[f];
  errors.push(
    ...(await checkDictionaryValues(tx, ctx.actor.orgId, ctx.now, CUSTOMER_DICTIONARY_FIELDS, changed)),
  );
  return errors;
}

function filterOf(ctx: Ctx, query: CustomerListQuery): repo.CustomerFilter {
  const { limit: _l, cursor: _c, sort: _s, q, province, city, ...all } = query;
  const rest = Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('cf.')));
  // Divisions filter by code; a name is looked up (an unknown one simply matches nothing).
  const code = (v: string | undefined, level: 'province' | 'city') =>
    v === undefined ? undefined : (findDivision(v, { level })?.code ?? v);
  return {
    ...rest,
    province: code(province, 'province'),
    city: code(city, 'city'),
    search: searchQuery(q, maskedFields(ctx.actor)),
  };
}

/**
 * Filters and sort of a list or export, custom fields included (checked against the
 * organisation's definitions: an unknown one is a 400 naming it).
 */
export async function listingOf(tx: Db, ctx: Ctx, query: CustomerListQuery) {
  const defs = await fieldDefsOf(tx, ctx.actor.orgId, ENTITY);
  const { conditions, errors } = parseCfFilters(defs, query);
  const cf = parseCfSort(defs, query.sort);
  if (cf.error) errors.push(cf.error);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  const sort = cf.sort
    ? { field: `cf.${cf.sort.key}`, desc: cf.sort.desc }
    : parseSort(query.sort, CUSTOMER_SORTS, { field: 'updatedAt', desc: true });
  return { filter: { ...filterOf(ctx, query), cf: conditions }, sort, cfSort: cf.sort, defs };
}

export async function listCustomers(ctx: Ctx, query: CustomerListQuery) {
  requireCustomers(ctx, 'read');
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { filter, sort, cfSort } = await listingOf(tx, ctx, query);
    const { rows, total, totalCapped } = await repo.listCustomers(tx, ctx.actor, filter, {
      sort,
      cfSort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = cfSort
      ? pageOf(rows, limit, (r) => ({ v: cfSortValue(cfSort, r.customFields ?? {}), id: r.id }))
      : pageBySort(rows, limit, sort.field);
    return {
      items: page.items.map((r) => presentCustomer(ctx.actor, r, query.q)),
      total,
      ...(totalCapped ? { totalCapped } : {}),
      nextCursor: page.nextCursor,
    };
  });
}

export async function getCustomer(ctx: Ctx, id: string) {
  requireCustomers(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) =>
    presentCustomer(ctx.actor, await visibleCustomer(tx, ctx, id)),
  );
}

/** Live or in the recycle bin (a merged duplicate's history stays readable). */
async function visibleLiveOrDeleted(tx: Db, ctx: Ctx, id: string) {
  return (await repo.findCustomer(tx, ctx.actor, id)) ?? visibleCustomer(tx, ctx, id, { deleted: true });
}

const DIVISION_FIELDS = new Set(['province', 'city', 'district']);

/** "440300" → "440300 深圳市": history shows which division a code is. */
function withDivisionName(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const name = divisionName(v);
  return name ? `${v} ${name}` : v;
}

export async function customerHistory(ctx: Ctx, id: string) {
  requireCustomers(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleLiveOrDeleted(tx, ctx, id);
    const items = await recordHistory(tx, ctx.actor, ENTITY, id);
    return {
      items: items.map((e) => ({
        ...e,
        changes: e.changes.map((c) =>
          DIVISION_FIELDS.has(c.field)
            ? { ...c, old: withDivisionName(c.old), new: withDivisionName(c.new) }
            : c,
        ),
      })),
    };
  });
}

export async function customerOwnerHistory(ctx: Ctx, id: string) {
  requireCustomers(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleLiveOrDeleted(tx, ctx, id);
    return { items: await listOwnerChanges(tx, ctx.actor.orgId, id) };
  });
}

/** Shows masked phones or emails in clear, and logs that they were seen. */
export async function revealCustomerField(ctx: Ctx, id: string, field: 'phones' | 'emails') {
  requireCustomers(ctx, 'reveal');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await visibleCustomer(tx, ctx, id);
    await audit(tx, ctx, ENTITY, id, 'reveal', [{ field, old: null, new: null }]);
    return { value: row[field] };
  });
}

export function codeTaken(error: unknown, code: string | null | undefined): never {
  if (pgErrorCode(error) === '23505' && pgConstraint(error) === 'customers_code_idx')
    throw new AppError('CUSTOMER_CODE_TAKEN', { code }, [{ field: 'code', code: 'taken' }]);
  throw error;
}
