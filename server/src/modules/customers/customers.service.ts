import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, pageBySort, parseSort } from '../../lib/paging.ts';
import { pgConstraint, pgErrorCode } from '../../lib/pg-error.ts';
import { toSpreadsheet } from '../../lib/xlsx.ts';
import { audit, recordHistory } from '../audit/index.ts';
import { can, fieldRule, recordScope, type Action, type Actor } from '../access/index.ts';
import * as repo from './customers.repository.ts';
import { listOwnerChanges } from './customer-keys.repository.ts';
import { presentCustomer, type CustomerRow } from './customer-present.ts';
import { findDivision } from './divisions.ts';
import { searchQuery } from './search-weights.ts';
import { CUSTOMER_SORTS, type CustomerListQuery } from './customers.schema.ts';

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

function filterOf(ctx: Ctx, query: CustomerListQuery): repo.CustomerFilter {
  const { limit: _l, cursor: _c, sort: _s, q, province, city, ...rest } = query;
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

const sortOf = (query: CustomerListQuery) =>
  parseSort(query.sort, CUSTOMER_SORTS, { field: 'updatedAt', desc: true });

export async function listCustomers(ctx: Ctx, query: CustomerListQuery) {
  requireCustomers(ctx, 'read');
  const sort = sortOf(query);
  const limit = query.limit ?? 50;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listCustomers(tx, ctx.actor, filterOf(ctx, query), {
      sort,
      cursor: decodeCursor(query.cursor),
      limit,
    });
    const page = pageBySort(rows, limit, sort.field);
    return {
      items: page.items.map((r) => presentCustomer(ctx.actor, r, query.q)),
      total,
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

export async function customerHistory(ctx: Ctx, id: string) {
  requireCustomers(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await visibleLiveOrDeleted(tx, ctx, id);
    return { items: await recordHistory(tx, ctx.actor, ENTITY, id) };
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
    owner: '负责人',
    tags: '标签',
    createdAt: '创建时间',
  },
};

/** Export rows are capped: a million-row export is a background job (a later slice). */
export const EXPORT_LIMIT = 100_000;

/** The list as a spreadsheet: same filters, same data scope, same masking, and audited. */
export async function exportCustomers(ctx: Ctx, query: CustomerListQuery, format: 'csv' | 'xlsx') {
  requireCustomers(ctx, 'export');
  const rows = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows } = await repo.listCustomers(tx, ctx.actor, filterOf(ctx, query), {
      sort: sortOf(query),
      limit: EXPORT_LIMIT,
    });
    await audit(tx, ctx, ENTITY, null, 'export', [{ field: 'rows', old: null, new: rows.length }]);
    return rows.map((r) => presentCustomer(ctx.actor, r));
  });
  const h = EXPORT_HEADERS[ctx.locale];
  type Row = (typeof rows)[number];
  const columns = [
    { header: h.name, value: (r: Row) => r.name },
    { header: h.code, value: (r: Row) => r.code },
    { header: h.kind, value: (r: Row) => r.kind },
    { header: h.phones, value: (r: Row) => r.phones },
    { header: h.emails, value: (r: Row) => r.emails },
    {
      header: h.region,
      value: (r: Row) => [r.provinceName, r.cityName, r.districtName].filter(Boolean).join(' '),
    },
    { header: h.address, value: (r: Row) => r.address },
    { header: h.type, value: (r: Row) => r.type },
    { header: h.source, value: (r: Row) => r.source },
    { header: h.status, value: (r: Row) => r.lifecycleStatus },
    { header: h.grade, value: (r: Row) => r.grade },
    { header: h.owner, value: (r: Row) => r.ownerName },
    { header: h.tags, value: (r: Row) => r.tags },
    { header: h.createdAt, value: (r: Row) => r.createdAt },
  ];
  return toSpreadsheet(format, 'customers', columns, rows);
}

export function codeTaken(error: unknown, code: string | null | undefined): never {
  if (pgErrorCode(error) === '23505' && pgConstraint(error) === 'customers_code_idx')
    throw new AppError('CUSTOMER_CODE_TAKEN', { code }, [{ field: 'code', code: 'taken' }]);
  throw error;
}
