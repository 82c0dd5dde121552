import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { audit } from '../audit/index.ts';
import * as repo from './orders.repository.ts';
import { ENTITY } from './order-create.service.ts';
import { present } from './order-present.ts';
import { listingOf, requireOrders } from './orders.service.ts';
import type { OrderListQuery, OrderOut } from './orders.schema.ts';

const HEADERS = {
  en: {
    number: 'Order number',
    customerName: 'Customer',
    status: 'Status',
    currency: 'Currency',
    subtotal: 'Subtotal',
    discountTotal: 'Discounts',
    taxTotal: 'Tax',
    total: 'Total',
    profit: 'Profit',
    onHold: 'Credit hold',
    ownerName: 'Owner',
    submittedAt: 'Submitted at',
    shippedAt: 'Shipped at',
    createdAt: 'Created at',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    number: '订单号',
    customerName: '客户',
    status: '状态',
    currency: '币种',
    subtotal: '小计',
    discountTotal: '折扣',
    taxTotal: '税额',
    total: '合计',
    profit: '毛利',
    onHold: '信用暂停',
    ownerName: '负责人',
    submittedAt: '提交时间',
    shippedAt: '发货时间',
    createdAt: '创建时间',
    updatedAt: '更新时间',
  },
};

export const STATUS_LABELS = {
  en: {
    draft: 'Draft',
    submitted: 'Submitted',
    approved: 'Approved',
    inProduction: 'In production',
    shipped: 'Shipped',
    delivered: 'Delivered',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
  'zh-CN': {
    draft: '草稿',
    submitted: '已提交',
    approved: '已审批',
    inProduction: '生产中',
    shipped: '已发货',
    delivered: '已送达',
    completed: '已完成',
    cancelled: '已取消',
  },
};

const CHUNK = 2_000;

function exportColumns(ctx: Ctx): ExportColumnDef<OrderOut>[] {
  const h = HEADERS[ctx.locale];
  const yes = ctx.locale === 'en' ? 'Yes' : '是';
  const col = (key: keyof typeof h, value: (r: OrderOut) => unknown) => ({ key, header: h[key], value });
  return [
    col('number', (r) => r.number),
    col('customerName', (r) => r.customerName),
    col('status', (r) => STATUS_LABELS[ctx.locale][r.status]),
    col('currency', (r) => r.currency),
    col('subtotal', (r) => r.subtotal),
    col('discountTotal', (r) => r.discountTotal),
    col('taxTotal', (r) => r.taxTotal),
    col('total', (r) => r.total),
    col('profit', (r) => r.profit),
    col('onHold', (r) => (r.onHold ? yes : null)),
    col('ownerName', (r) => r.ownerName),
    col('submittedAt', (r) => r.submittedAt),
    col('shippedAt', (r) => r.shippedAt),
    col('createdAt', (r) => r.createdAt),
    col('updatedAt', (r) => r.updatedAt),
  ];
}

/** The order list as export rows: its filters, sort, data scope and field rules; audited once. */
export async function openOrderExport(
  ctx: Ctx,
  query: OrderListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requireOrders(ctx, 'export');
  const chunk = opts.chunk ?? CHUNK;
  const { filter, sort } = listingOf(query);
  const { columns, total } = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const all = exportColumns(ctx);
    const picked = pickColumns(all, opts.columns, ['number']);
    if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
    const total = await repo.countOrders(tx, ctx.actor, filter, null);
    const { limit: _l, cursor: _c, ...filters } = query;
    await audit(tx, ctx, ENTITY, null, 'export', [
      { field: 'rows', old: null, new: total },
      { field: 'format', old: null, new: opts.format },
      { field: 'filters', old: null, new: filters },
    ]);
    return { columns: picked.columns, total };
  });
  const cursorOf = (r: repo.OrderRow): Cursor => {
    const v = (r as unknown as Record<string, unknown>)[sort.field];
    return { v: v instanceof Date ? v.toISOString() : ((v as Cursor['v']) ?? null), id: r.id };
  };
  const next = prefetching(async (cursor: Cursor | undefined) => {
    const { rows } = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      repo.listOrders(tx, ctx.actor, filter, { sort, cursor, limit: chunk, count: false }),
    );
    const page = rows.length > chunk ? rows.slice(0, chunk) : rows;
    return {
      rows: page.map((r) => {
        const out = present(ctx.actor, r);
        return columns.map((c) => c.value(out));
      }),
      cursor: rows.length > chunk ? cursorOf(page[page.length - 1]!) : null,
    };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
