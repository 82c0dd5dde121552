import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, pageOf, parseSort } from '../../lib/paging.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { toSpreadsheet } from '../../lib/xlsx.ts';
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
  dictionaryLabels,
  displayValue,
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
async function listingOf(tx: Db, ctx: Ctx, query: CustomerListQuery) {
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

const EXPORT_HEADERS = {
  en: {
    name: 'Name',
    code: 'Code',
    kind: 'Kind',
    phones: 'Phones',
    emails: 'Emails',
    region: 'Region',
    address: 'Address',
    type: 'Type',
    source: 'Source',
    status: 'Lifecycle status',
    grade: 'Grade',
    industry: 'Industry',
    relationshipLevel: 'Relationship level',
    owner: 'Owner',
    tags: 'Tags',
    createdAt: 'Created at',
  },
  'zh-CN': {
    name: '客户名称',
    code: '客户编号',
    kind: '客户类别',
    phones: '电话',
    emails: '邮箱',
    region: '地区',
    address: '地址',
    type: '客户类型',
    source: '来源渠道',
    status: '生命周期状态',
    grade: '客户等级',
    industry: '行业',
    relationshipLevel: '关系层级',
    owner: '负责人',
    tags: '标签',
    createdAt: '创建时间',
  },
};

const ENUM_LABELS: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: {
    company: 'Company',
    person: 'Person',
    prospect: 'Prospect',
    active: 'Active',
    dormant: 'Dormant',
    lost: 'Lost',
  },
  'zh-CN': {
    company: '法人客户',
    person: '自然人客户',
    prospect: '潜在客户',
    active: '活跃客户',
    dormant: '休眠客户',
    lost: '流失客户',
  },
};

/** Export rows are capped: a million-row export is a background job (a later slice). */
export const EXPORT_LIMIT = 100_000;

/** The list as a spreadsheet: same filters, same data scope, same masking, and audited. */
export async function exportCustomers(ctx: Ctx, query: CustomerListQuery, format: 'csv' | 'xlsx') {
  requireCustomers(ctx, 'export');
  const { rows, defs, labels } = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { filter, sort, cfSort, defs } = await listingOf(tx, ctx, query);
    const { rows } = await repo.listCustomers(tx, ctx.actor, filter, { sort, cfSort, limit: EXPORT_LIMIT });
    await audit(tx, ctx, ENTITY, null, 'export', [{ field: 'rows', old: null, new: rows.length }]);
    const labels = await dictionaryLabels(tx, ctx.actor.orgId, ctx.locale);
    return { rows: rows.map((r) => presentCustomer(ctx.actor, r)), defs, labels };
  });
  const h = EXPORT_HEADERS[ctx.locale];
  type Row = (typeof rows)[number];
  // Dictionary values in the reader's language (a key no longer in its dictionary is written as stored).
  const dict = (name: string, v: string | null) => (v === null ? null : (labels.get(name)?.get(v) ?? v));
  const enumLabel = (v: string | null) => (v === null ? null : (ENUM_LABELS[ctx.locale][v] ?? v));
  const columns = [
    { header: h.name, value: (r: Row) => r.name },
    { header: h.code, value: (r: Row) => r.code },
    { header: h.kind, value: (r: Row) => enumLabel(r.kind) },
    { header: h.phones, value: (r: Row) => r.phones },
    { header: h.emails, value: (r: Row) => r.emails },
    {
      header: h.region,
      value: (r: Row) => [r.provinceName, r.cityName, r.districtName].filter(Boolean).join(' '),
    },
    { header: h.address, value: (r: Row) => r.address },
    { header: h.type, value: (r: Row) => dict('customerType', r.type) },
    { header: h.source, value: (r: Row) => dict('source', r.source) },
    { header: h.industry, value: (r: Row) => dict('industry', r.industry) },
    { header: h.relationshipLevel, value: (r: Row) => dict('relationshipLevel', r.relationshipLevel) },
    { header: h.status, value: (r: Row) => enumLabel(r.lifecycleStatus) },
    { header: h.grade, value: (r: Row) => r.grade },
    { header: h.owner, value: (r: Row) => r.ownerName },
    { header: h.tags, value: (r: Row) => r.tags },
    { header: h.createdAt, value: (r: Row) => r.createdAt },
    ...defs.map((d) => ({
      header: d.label[ctx.locale],
      value: (r: Row) => displayValue(d, r.customFields[d.key], ctx.locale),
    })),
  ];
  return toSpreadsheet(format, 'customers', columns, rows);
}

export function codeTaken(error: unknown, code: string | null | undefined): never {
  if (pgErrorCode(error) === '23505' && pgConstraint(error) === 'customers_code_idx')
    throw new AppError('CUSTOMER_CODE_TAKEN', { code }, [{ field: 'code', code: 'taken' }]);
  throw error;
}
