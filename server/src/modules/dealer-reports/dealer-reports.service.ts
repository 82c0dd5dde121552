import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, fieldError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { decodeCursor, pageOf } from '../../lib/paging.ts';
import { can, type Action } from '../access/index.ts';
import { auditChange } from '../audit/index.ts';
import {
  addMonths,
  checkReport,
  monthStart,
  qty,
  quantityErrors,
  type CheckDetail,
  type QuantityField,
} from './dealer-report-rules.ts';
import * as repo from './dealer-reports.repository.ts';
import type {
  DealerGridSave,
  DealerReportCreate,
  DealerReportListQuery,
  DealerReportPatch,
} from './dealer-reports.schema.ts';

export const ENTITY = 'dealerReports';

export function requireDealerReports(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

type QtyInput = string | number | null | undefined;
const text = (v: QtyInput): string | null | undefined =>
  v === undefined || v === null ? (v as null | undefined) : String(v).trim();

/** 'YYYY-MM' → 'YYYY-MM-01', or a 400 naming the field. */
export function monthOf(s: string, field = 'month'): string {
  const m = monthStart(s);
  if (!m) throw fieldError(field, 'pattern');
  return m;
}

export const monthLabel = (m: string) => m.slice(0, 7);

const snapshot = (r: repo.DealerReportRow) => ({
  openingStock: r.openingStock,
  purchased: r.purchased,
  sold: r.sold,
  closingStock: r.closingStock,
  categorySales: r.categorySales,
  flags: r.flags,
});

export function present(
  r: repo.DealerReportRow,
  refs: { customerName: string; productSku: string | null; productName: string | null },
  check: CheckDetail,
) {
  return {
    id: r.id,
    version: r.version,
    customerId: r.customerId,
    customerName: refs.customerName,
    productId: r.productId,
    productSku: refs.productSku,
    productName: refs.productName,
    month: monthLabel(r.month),
    openingStock: qty(r.openingStock),
    purchased: qty(r.purchased),
    sold: qty(r.sold),
    closingStock: qty(r.closingStock),
    categorySales: r.categorySales === null ? null : qty(r.categorySales),
    flags: r.flags,
    check,
    source: r.source,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type DealerReportJson = ReturnType<typeof present>;

interface RowInput {
  productId: string;
  openingStock?: QtyInput;
  purchased: QtyInput;
  sold: QtyInput;
  closingStock: QtyInput;
  categorySales?: QtyInput;
}

/**
 * One dealer's month in one transaction: each row created or replaced, its opening defaulting to
 * the previous month's closing, its flags computed (never corrected), the next month's opening
 * check refreshed. Any bad row → 400 naming `${prefix}[i].field`; nothing is written.
 */
async function saveMonth(
  tx: Db,
  ctx: Ctx,
  customerId: string,
  month: string,
  rows: RowInput[],
  opts: { prefix: (i: number) => string; mustBeNew: boolean },
): Promise<DealerReportJson[]> {
  const orgId = ctx.actor.orgId;
  const errors: FieldError[] = [];
  rows.forEach((r, i) => {
    const values: Partial<Record<QuantityField, string | null | undefined>> = {
      openingStock: text(r.openingStock),
      purchased: text(r.purchased),
      sold: text(r.sold),
      closingStock: text(r.closingStock),
      categorySales: text(r.categorySales),
    };
    errors.push(...quantityErrors(values, opts.prefix(i)));
  });
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    if (seen.has(r.productId))
      errors.push({
        field: `${opts.prefix(i)}productId`,
        code: 'duplicateInFile',
        params: { row: seen.get(r.productId)! + 1 },
      });
    else seen.set(r.productId, i);
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);

  const customer = (await repo.visibleCustomers(tx, ctx.actor, [customerId])).get(customerId);
  if (!customer) throw fieldError('customerId', 'notFound');
  const productIds = rows.map((r) => r.productId);
  const products = await repo.productsByIds(tx, orgId, productIds);
  rows.forEach((r, i) => {
    if (!products.has(r.productId)) errors.push({ field: `${opts.prefix(i)}productId`, code: 'notFound' });
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);

  const previous = addMonths(month, -1);
  const stored = await repo.reportsBetween(tx, orgId, [customerId], previous, month, productIds);
  const at = new Map(stored.map((s) => [repo.keyOf(s), s]));
  const shipped = await repo.shippedBetween(tx, orgId, [customerId], month, month);

  const inserts: (typeof import('./dealer-reports.table.ts').dealerReports.$inferInsert)[] = [];
  const updates: repo.ReportUpdate[] = [];
  const results: { row: repo.DealerReportRow; check: CheckDetail; before: repo.DealerReportRow | null }[] =
    [];
  rows.forEach((r, i) => {
    const key = { customerId, productId: r.productId, month };
    const existing = at.get(repo.keyOf(key)) ?? null;
    if (existing && opts.mustBeNew) errors.push({ field: 'month', code: 'taken' });
    const prev = at.get(repo.keyOf({ ...key, month: previous }))?.closingStock ?? null;
    const opening = text(r.openingStock) ?? prev ?? existing?.openingStock ?? null;
    if (opening === null) {
      errors.push({ field: `${opts.prefix(i)}openingStock`, code: 'required' });
      return;
    }
    const figures = {
      openingStock: qty(opening),
      purchased: qty(text(r.purchased)!),
      sold: qty(text(r.sold)!),
      closingStock: qty(text(r.closingStock)!),
      categorySales:
        r.categorySales === undefined
          ? (existing?.categorySales ?? null)
          : r.categorySales === null
            ? null
            : qty(text(r.categorySales)!),
    };
    const { flags, detail } = checkReport(figures, {
      previousClosing: prev,
      shipped: shipped.get(repo.keyOf(key)) ?? '0',
    });
    if (existing) {
      updates.push({ id: existing.id, ...figures, flags, source: 'manual' });
      results.push({
        row: {
          ...existing,
          ...figures,
          flags,
          source: 'manual',
          updatedAt: ctx.now,
          version: existing.version + 1,
        },
        check: detail,
        before: existing,
      });
    } else {
      const row = {
        orgId,
        id: newId(),
        ...key,
        ...figures,
        flags,
        source: 'manual' as const,
        version: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
        deletedAt: null,
        deletedBy: null,
      };
      inserts.push(row);
      results.push({ row, check: detail, before: null });
    }
  });
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  if (updates.length && !can(ctx.actor, ENTITY, 'update')) throw forbidden(ENTITY, 'update');
  if (inserts.length && !can(ctx.actor, ENTITY, 'create')) throw forbidden(ENTITY, 'create');

  await repo.insertReports(tx, inserts);
  await repo.updateReports(tx, orgId, updates, { userId: ctx.actor.userId, now: ctx.now });
  await repo.recheckFollowingOpenings(
    tx,
    orgId,
    rows.map((r) => ({ customerId, productId: r.productId, month })),
  );
  for (const x of results)
    await auditChange(
      tx,
      ctx,
      ENTITY,
      x.row.id,
      x.before ? 'update' : 'create',
      x.before && snapshot(x.before),
      snapshot(x.row),
    );
  return results.map((x) => {
    const p = products.get(x.row.productId)!;
    return present(x.row, { customerName: customer.name, productSku: p.sku, productName: p.name }, x.check);
  });
}

export async function createReport(ctx: Ctx, input: DealerReportCreate): Promise<DealerReportJson> {
  requireDealerReports(ctx, 'create');
  const month = monthOf(input.month);
  const { customerId, month: _m, ...row } = input;
  const [out] = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    saveMonth(tx, ctx, customerId, month, [row], { prefix: () => '', mustBeNew: true }),
  );
  return out!;
}

export async function saveGrid(ctx: Ctx, input: DealerGridSave) {
  if (!can(ctx.actor, ENTITY, 'create') && !can(ctx.actor, ENTITY, 'update'))
    throw forbidden(ENTITY, 'update');
  const month = monthOf(input.month);
  const items = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
    saveMonth(tx, ctx, input.customerId, month, input.rows, {
      prefix: (i) => `rows[${i}].`,
      mustBeNew: false,
    }),
  );
  return { customerId: input.customerId, month: monthLabel(month), items };
}

/** A report the actor may see (its customer visible), or 404. */
async function visibleReport(tx: Db, ctx: Ctx, id: string) {
  const r = await repo.findReport(tx, ctx.actor.orgId, id);
  if (!r || !(await repo.visibleCustomers(tx, ctx.actor, [r.customerId])).has(r.customerId))
    throw notFound('dealerReport');
  return r;
}

export async function updateReport(
  ctx: Ctx,
  id: string,
  patch: DealerReportPatch,
): Promise<DealerReportJson> {
  requireDealerReports(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const r = await visibleReport(tx, ctx, id);
    if (r.version !== patch.version)
      throw new AppError('VERSION_CONFLICT', {}, { currentVersion: r.version });
    const { version: _v, ...given } = patch;
    const [out] = await saveMonth(
      tx,
      ctx,
      r.customerId,
      r.month,
      [
        {
          productId: r.productId,
          openingStock: given.openingStock ?? r.openingStock,
          purchased: given.purchased ?? r.purchased,
          sold: given.sold ?? r.sold,
          closingStock: given.closingStock ?? r.closingStock,
          categorySales: given.categorySales === undefined ? r.categorySales : given.categorySales,
        },
      ],
      { prefix: () => '', mustBeNew: false },
    );
    return out!;
  });
}

export async function deleteReport(ctx: Ctx, id: string): Promise<void> {
  requireDealerReports(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const r = await visibleReport(tx, ctx, id);
    await repo.softDeleteReport(tx, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await repo.recheckFollowingOpenings(tx, ctx.actor.orgId, [r]);
    await auditChange(tx, ctx, ENTITY, id, 'delete', snapshot(r), null);
  });
}

/** Check details for listed rows: previous closing from the row, shipments in one query. */
export async function checksFor(tx: Db, orgId: string, rows: repo.ListedReport[]): Promise<CheckDetail[]> {
  if (!rows.length) return [];
  const months = rows.map((r) => r.report.month).sort();
  const shipped = await repo.shippedBetween(
    tx,
    orgId,
    [...new Set(rows.map((r) => r.report.customerId))],
    months[0]!,
    months[months.length - 1]!,
  );
  return rows.map(
    (r) =>
      checkReport(r.report, {
        previousClosing: r.previousClosing,
        shipped: shipped.get(repo.keyOf(r.report)) ?? '0',
      }).detail,
  );
}

export async function listReports(ctx: Ctx, q: DealerReportListQuery) {
  requireDealerReports(ctx, 'read');
  const limit = q.limit ?? 100;
  const filter = {
    customerId: q.customerId,
    productId: q.productId,
    ownerId: q.ownerId,
    from: q.from ? monthOf(q.from, 'from') : undefined,
    to: q.to ? monthOf(q.to, 'to') : undefined,
    flagged: q.flagged,
  };
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { rows, total } = await repo.listReports(tx, ctx.actor, filter, {
      cursor: decodeCursor(q.cursor),
      limit,
    });
    const page = pageOf(rows, limit, (r) => ({ v: r.report.month, id: r.report.id }));
    const checks = await checksFor(tx, ctx.actor.orgId, page.items);
    return {
      items: page.items.map((r, i) => present(r.report, r, checks[i]!)),
      total,
      nextCursor: page.nextCursor,
    };
  });
}

export async function getReport(ctx: Ctx, id: string): Promise<DealerReportJson> {
  requireDealerReports(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const r = await visibleReport(tx, ctx, id);
    const [row] = await repo.allReports(tx, ctx.actor, {
      customerId: r.customerId,
      productId: r.productId,
      from: r.month,
      to: r.month,
    });
    const [check] = await checksFor(tx, ctx.actor.orgId, [row!]);
    return present(r, row!, check!);
  });
}
