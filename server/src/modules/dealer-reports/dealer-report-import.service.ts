import { newId } from '../../db/columns.ts';
import type { ImportEntity, RowOutcome, UndoResult } from '../imports/index.ts';
import { addMonths, checkReport } from './dealer-report-rules.ts';
import {
  DEALER_IMPORT_FIELDS,
  dealerReportFromRow,
  displayDealerReport,
  type DealerImportValue,
} from './dealer-report-import.ts';
import * as repo from './dealer-reports.repository.ts';
import { ENTITY, requireDealerReports } from './dealer-reports.service.ts';
import type { dealerReports } from './dealer-reports.table.ts';

interface Target {
  id: string;
  create: boolean;
  rowNo: number;
  customerId: string;
  productId: string;
  month: string;
  openingStock: string;
  purchased: string;
  sold: string;
  closingStock: string;
  categorySales: string | null;
  flags: string[];
  stored?: repo.DealerReportRow;
}

const before = (s: repo.DealerReportRow) => ({
  openingStock: s.openingStock,
  purchased: s.purchased,
  sold: s.sold,
  closingStock: s.closingStock,
  categorySales: s.categorySales,
  flags: s.flags,
  source: s.source,
});

/**
 * Dealers' monthly reports from a spreadsheet; upsert key customer + product + month. Per batch,
 * set-based: customers, products, stored and previous months' reports and our shipments each in
 * one query; rows are checked in month order (a row sees the month before it in the same file);
 * flags are stored, nothing corrected.
 */
export const dealerReportsImport: ImportEntity<null, DealerImportValue> = {
  entity: ENTITY,
  label: { 'zh-CN': '进销存月报', en: 'Dealer monthly reports' },
  formats: ['csv', 'xlsx'],
  tables: ['dealer_reports (org_id, customer_id, product_id, month)'],
  keys: [
    {
      key: 'customerProductMonth',
      label: { 'zh-CN': '客户 + 产品 + 月份', en: 'Customer + product + month' },
    },
  ],

  authorise(ctx, mode) {
    requireDealerReports(ctx, 'create');
    if (mode === 'upsert') requireDealerReports(ctx, 'update');
  },

  async fields() {
    return DEALER_IMPORT_FIELDS;
  },

  async prepare() {
    return null;
  },

  validate: (_p, row) => dealerReportFromRow(row),

  display: (_p, v) => displayDealerReport(v),

  async write(tx, ctx, _p, rows, opts) {
    const orgId = ctx.actor.orgId;
    const outcomes = new Map<
      number,
      RowOutcome | { rowNo: number; kind: 'pending'; target: Target; created: boolean }
    >();
    const codes = [...new Set(rows.map((r) => r.value.customerCode).filter((x): x is string => !!x))];
    const names = [...new Set(rows.filter((r) => !r.value.customerCode).map((r) => r.value.customerName!))];
    const found = await repo.customersByCodeOrName(tx, ctx.actor, codes, names);
    const byCode = new Map(found.filter((c) => c.code).map((c) => [c.code!, c]));
    const byName = new Map<string, typeof found>();
    for (const c of found) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    const products = new Map(
      (await repo.productsBySku(tx, orgId, [...new Set(rows.map((r) => r.value.sku))])).map((p) => [
        p.sku,
        p,
      ]),
    );

    const resolved: { rowNo: number; v: DealerImportValue; customerId: string; productId: string }[] = [];
    for (const { rowNo, value: v } of rows) {
      const candidates = v.customerCode
        ? [byCode.get(v.customerCode)].filter((c) => !!c)
        : (byName.get(v.customerName!) ?? []);
      const field = v.customerCode ? 'customerCode' : 'customerName';
      const visible = candidates.filter((c) => c!.visible);
      if (visible.length > 1) {
        outcomes.set(rowNo, { rowNo, kind: 'failed', errors: [{ field, code: 'ambiguousKey' }] });
        continue;
      }
      if (!visible.length) {
        outcomes.set(rowNo, { rowNo, kind: 'failed', errors: [{ field, code: 'notFound' }] });
        continue;
      }
      const product = products.get(v.sku);
      if (!product) {
        outcomes.set(rowNo, { rowNo, kind: 'failed', errors: [{ field: 'sku', code: 'notFound' }] });
        continue;
      }
      resolved.push({ rowNo, v, customerId: visible[0]!.id, productId: product.id });
    }
    if (resolved.length) {
      const months = resolved.map((r) => r.v.month).sort();
      const first = months[0]!;
      const last = months[months.length - 1]!;
      const customerIds = [...new Set(resolved.map((r) => r.customerId))];
      const stored = new Map(
        (
          await repo.reportsBetween(tx, orgId, customerIds, addMonths(first, -1), last, [
            ...new Set(resolved.map((r) => r.productId)),
          ])
        ).map((s) => [repo.keyOf(s), s]),
      );
      const shipped = await repo.shippedBetween(tx, orgId, customerIds, first, last);
      const batch = new Map<string, Target>();
      // Month order, so a row sees the month before it in this file; outcomes keep file order.
      const ordered = [...resolved].sort((a, b) => a.v.month.localeCompare(b.v.month));
      for (const { rowNo, v, customerId, productId } of ordered) {
        const key = { customerId, productId, month: v.month };
        const k = repo.keyOf(key);
        const inBatch = batch.get(k);
        const existing = stored.get(k);
        if (opts.mode !== 'upsert' && (inBatch || existing)) {
          outcomes.set(rowNo, {
            rowNo,
            kind: opts.mode === 'skip-duplicates' ? 'skipped' : 'failed',
            errors: [
              inBatch
                ? { field: 'month', code: 'duplicateInFile', params: { row: inBatch.rowNo } }
                : { field: 'month', code: 'taken' },
            ],
          });
          continue;
        }
        const pk = repo.keyOf({ ...key, month: addMonths(v.month, -1) });
        const prev = batch.get(pk)?.closingStock ?? stored.get(pk)?.closingStock ?? null;
        const opening = v.openingStock ?? prev ?? (inBatch ?? existing)?.openingStock ?? '0';
        const figures = {
          openingStock: opening,
          purchased: v.purchased,
          sold: v.sold,
          closingStock: v.closingStock,
          categorySales: v.categorySales,
        };
        const { flags } = checkReport(figures, { previousClosing: prev, shipped: shipped.get(k) ?? '0' });
        const target: Target = inBatch ?? {
          id: existing?.id ?? newId(),
          create: !existing,
          rowNo,
          ...key,
          ...figures,
          flags,
          stored: existing,
        };
        Object.assign(target, figures, { flags });
        batch.set(k, target);
        outcomes.set(rowNo, { rowNo, kind: 'pending', target, created: target.create });
      }
      const all = [...batch.values()];
      const inserts: (typeof dealerReports.$inferInsert)[] = all
        .filter((t) => t.create)
        .map((t) => ({
          orgId,
          id: t.id,
          customerId: t.customerId,
          productId: t.productId,
          month: t.month,
          openingStock: t.openingStock,
          purchased: t.purchased,
          sold: t.sold,
          closingStock: t.closingStock,
          categorySales: t.categorySales,
          flags: t.flags,
          source: 'import',
          createdAt: ctx.now,
          updatedAt: ctx.now,
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        }));
      await repo.insertReports(tx, inserts);
      const versions = await repo.updateReports(
        tx,
        orgId,
        all.filter((t) => !t.create).map((t) => ({ ...t, source: 'import' })),
        { userId: ctx.actor.userId, now: ctx.now },
      );
      // Next months already stored re-check their opening against what this batch wrote.
      await repo.recheckFollowingOpenings(tx, orgId, all);
      for (const [rowNo, o] of outcomes)
        if (o.kind === 'pending')
          outcomes.set(
            rowNo,
            o.created
              ? { rowNo, kind: 'created', id: o.target.id, version: 1 }
              : {
                  rowNo,
                  kind: 'updated',
                  id: o.target.id,
                  version: versions.get(o.target.id) ?? 1,
                  before: before(o.target.stored!),
                },
          );
    }
    return rows.map((r) => outcomes.get(r.rowNo) as RowOutcome);
  },

  async undo(tx, ctx, records): Promise<UndoResult> {
    const orgId = ctx.actor.orgId;
    const state = new Map(
      (
        await repo.reportsByIds(
          tx,
          orgId,
          records.map((r) => r.recordId),
        )
      ).map((s) => [s.id, s]),
    );
    const conflicts: UndoResult['conflicts'] = [];
    const remove: repo.DealerReportRow[] = [];
    const restore: repo.ReportUpdate[] = [];
    for (const r of records) {
      const s = state.get(r.recordId);
      if (!s) continue;
      if (s.version !== r.versionAfter || s.deletedAt !== null) {
        conflicts.push({ id: s.id, name: s.month.slice(0, 7) });
        continue;
      }
      if (r.action === 'created') remove.push(s);
      else if (r.before) {
        const b = r.before as ReturnType<typeof before>;
        restore.push({ id: s.id, ...b });
      }
    }
    await repo.hardDeleteReports(
      tx,
      orgId,
      remove.map((s) => s.id),
    );
    await repo.updateReports(tx, orgId, restore, { userId: ctx.actor.userId, now: ctx.now });
    await repo.recheckFollowingOpenings(tx, orgId, [...remove, ...state.values()]);
    return { undone: remove.length + restore.length, conflicts };
  },
};
