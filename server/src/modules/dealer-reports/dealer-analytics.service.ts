// Read-only views over dealer reports: chart series, the diagnosis list per rep, the export.
import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { toSpreadsheet } from '../../lib/xlsx.ts';
import { audit } from '../audit/index.ts';
import { addMonths, diagnose, qty, seriesMetrics, type MonthFigures } from './dealer-report-rules.ts';
import * as repo from './dealer-reports.repository.ts';
import type { DealerDiagnosisQuery, DealerExportQuery, DealerMetricsQuery } from './dealer-reports.schema.ts';
import {
  ENTITY,
  checksFor,
  monthLabel,
  monthOf,
  present,
  requireDealerReports,
} from './dealer-reports.service.ts';

const figures = (r: repo.DealerReportRow): MonthFigures => ({
  month: r.month,
  openingStock: r.openingStock,
  purchased: r.purchased,
  sold: r.sold,
  closingStock: r.closingStock,
  categorySales: r.categorySales,
});

function groupByPair(rows: repo.ListedReport[]): Map<string, repo.ListedReport[]> {
  const out = new Map<string, repo.ListedReport[]>();
  for (const r of rows) {
    const k = `${r.report.customerId}|${r.report.productId}`;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Per product of one dealer, month by month: sell-in, our shipments, sell-out, stock and the metrics. */
export async function metrics(ctx: Ctx, q: DealerMetricsQuery) {
  requireDealerReports(ctx, 'read');
  const months = q.months ?? 12;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const to =
      (q.to ? monthOf(q.to, 'to') : null) ??
      (await repo.latestMonth(tx, ctx.actor, { customerId: q.customerId, productId: q.productId })) ??
      monthOf(ctx.now.toISOString().slice(0, 7));
    const from = addMonths(to, -(months - 1));
    // Two months before the window give the first months their trends.
    const rows = await repo.allReports(tx, ctx.actor, {
      customerId: q.customerId,
      productId: q.productId,
      from: addMonths(from, -2),
      to,
    });
    const shipped = await repo.shippedBetween(tx, ctx.actor.orgId, [q.customerId], from, to);
    const series = [...groupByPair(rows).values()].map((list) => {
      const first = list[0]!;
      const flags = new Map(list.map((r) => [r.report.month, r.report.flags]));
      return {
        productId: first.report.productId,
        productSku: first.productSku,
        productName: first.productName,
        months: seriesMetrics(list.map((r) => figures(r.report)))
          .filter((m) => m.month >= from)
          .map((m) => ({
            ...m,
            month: monthLabel(m.month),
            shipped: qty(
              shipped.get(
                repo.keyOf({ customerId: q.customerId, productId: first.report.productId, month: m.month }),
              ) ?? '0',
            ),
            flags: flags.get(m.month) ?? [],
          })),
      };
    });
    return {
      customerId: q.customerId,
      from: monthLabel(from),
      to: monthLabel(to),
      series: series.filter((s) => s.months.length),
    };
  });
}

/**
 * The diagnosis list: for each visible dealer × product reported in the month (default: the
 * latest reported month), what its last three months say, grouped by the customer's owner.
 */
export async function diagnosis(ctx: Ctx, q: DealerDiagnosisQuery) {
  requireDealerReports(ctx, 'read');
  const coverDays = q.coverDays ?? 60;
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const month =
      (q.month ? monthOf(q.month) : null) ?? (await repo.latestMonth(tx, ctx.actor, { ownerId: q.ownerId }));
    if (!month) return { month: null, coverDays, items: [] };
    const rows = await repo.allReports(tx, ctx.actor, {
      ownerId: q.ownerId,
      from: addMonths(month, -2),
      to: month,
    });
    const items = [];
    for (const list of groupByPair(rows).values()) {
      const cur = list.find((r) => r.report.month === month);
      if (!cur) continue;
      const series = seriesMetrics(list.map((r) => figures(r.report)));
      const found = diagnose(series, month, { coverDays });
      if (!found.length) continue;
      const m = series.find((s) => s.month === month)!;
      items.push({
        ownerId: cur.ownerId,
        ownerName: null as string | null,
        customerId: cur.report.customerId,
        customerName: cur.customerName,
        productId: cur.report.productId,
        productSku: cur.productSku,
        productName: cur.productName,
        month: monthLabel(month),
        diagnoses: found,
        coverDays: m.coverDays,
        sold: m.sold,
        closingStock: m.closingStock,
        soldTrend: m.soldTrend,
      });
    }
    const names = await repo.userNames(tx, ctx.actor.orgId, [
      ...new Set(items.map((i) => i.ownerId).filter((x): x is string => !!x)),
    ]);
    for (const i of items) i.ownerName = i.ownerId ? (names.get(i.ownerId) ?? null) : null;
    items.sort(
      (a, b) =>
        (a.ownerName ?? '').localeCompare(b.ownerName ?? '') ||
        a.customerName.localeCompare(b.customerName) ||
        (a.productSku ?? '').localeCompare(b.productSku ?? ''),
    );
    return { month: monthLabel(month), coverDays, items };
  });
}

const HEADERS = {
  en: {
    customer: 'Customer',
    sku: 'SKU',
    product: 'Product',
    month: 'Month',
    opening: 'Opening stock',
    purchased: 'Purchased (sell-in)',
    shipped: 'Shipped by us',
    sold: 'Sold (sell-out)',
    closing: 'Closing stock',
    category: 'Category sales',
    flags: 'Flags',
  },
  'zh-CN': {
    customer: '客户',
    sku: '产品编码',
    product: '产品',
    month: '月份',
    opening: '期初库存',
    purchased: '进货',
    shipped: '我方发货',
    sold: '销售',
    closing: '期末库存',
    category: '品类总销量',
    flags: '异常标记',
  },
};

export async function exportReports(ctx: Ctx, q: Omit<DealerExportQuery, 'format'>, format: 'csv' | 'xlsx') {
  requireDealerReports(ctx, 'export');
  const filter = {
    ...q,
    from: q.from ? monthOf(q.from, 'from') : undefined,
    to: q.to ? monthOf(q.to, 'to') : undefined,
  };
  const rows = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const list = await repo.allReports(tx, ctx.actor, filter, 100_000);
    const checks = await checksFor(tx, ctx.actor.orgId, list);
    await audit(tx, ctx, ENTITY, null, 'export', [{ field: 'rows', old: null, new: list.length }]);
    return list.map((r, i) => present(r.report, r, checks[i]!));
  });
  const h = HEADERS[ctx.locale];
  type Row = (typeof rows)[number];
  const columns = [
    { header: h.customer, value: (r: Row) => r.customerName },
    { header: h.sku, value: (r: Row) => r.productSku },
    { header: h.product, value: (r: Row) => r.productName },
    { header: h.month, value: (r: Row) => r.month },
    { header: h.opening, value: (r: Row) => r.openingStock },
    { header: h.purchased, value: (r: Row) => r.purchased },
    { header: h.shipped, value: (r: Row) => r.check.shipped },
    { header: h.sold, value: (r: Row) => r.sold },
    { header: h.closing, value: (r: Row) => r.closingStock },
    { header: h.category, value: (r: Row) => r.categorySales },
    { header: h.flags, value: (r: Row) => r.flags.join('; ') },
  ];
  return toSpreadsheet(format, 'dealer-reports', columns, rows);
}
