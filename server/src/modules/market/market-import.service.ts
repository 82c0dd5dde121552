import { newId } from '../../db/columns.ts';
import type { ImportEntity, RowOutcome, UndoResult } from '../imports/index.ts';
import * as repo from './market.repository.ts';
import { regionName } from './countries.ts';
import { keyOf, MARKET_IMPORT_FIELDS, marketStatFromRow, type MarketImportValue } from './market-import.ts';
import { ENTITY, requireMarketStats } from './market.service.ts';

interface Pending {
  id: string;
  create: boolean;
  rowNo: number;
  value: MarketImportValue;
  stored?: repo.MarketStatRow;
}

const before = (s: repo.MarketStatRow) => ({
  importValue: s.importValue,
  currency: s.currency,
  source: s.source,
});

/** Trade statistics from a spreadsheet; upsert key region + category + year. */
export const marketStatsImport: ImportEntity<null, MarketImportValue> = {
  entity: ENTITY,
  label: { 'zh-CN': '市场数据', en: 'Market statistics' },
  formats: ['csv', 'xlsx'],
  tables: ['market_stats (org_id, region, category, year)'],
  keys: [
    { key: 'regionCategoryYear', label: { 'zh-CN': '地区 + 品类 + 年份', en: 'Region + category + year' } },
  ],

  authorise(ctx, mode) {
    requireMarketStats(ctx, 'create');
    if (mode === 'upsert') requireMarketStats(ctx, 'update');
  },

  async fields() {
    return MARKET_IMPORT_FIELDS;
  },

  async prepare() {
    return null;
  },

  validate: (_p, row) => marketStatFromRow(row),

  display: (_p, v) => ({
    region: `${regionName(v.region, 'zh-CN')} (${v.region})`,
    category: v.category,
    year: String(v.year),
    importValue: v.importValue,
    currency: v.currency,
    source: v.source ?? '',
  }),

  async write(tx, ctx, _p, rows, opts) {
    const orgId = ctx.actor.orgId;
    const existing = new Map(
      (await repo.statsByKeys(tx, orgId, [...new Set(rows.map((r) => r.value.region))])).map((s) => [
        keyOf(s),
        s,
      ]),
    );
    const batch = new Map<string, Pending>();
    const outcomes: (RowOutcome | { rowNo: number; kind: 'pending'; target: Pending; created: boolean })[] =
      [];
    for (const { rowNo, value } of rows) {
      const k = keyOf(value);
      const inBatch = batch.get(k);
      const stored = existing.get(k);
      if (opts.mode === 'upsert' && (inBatch || stored)) {
        const target: Pending = inBatch ?? { id: stored!.id, create: false, rowNo, value, stored };
        target.value = value;
        batch.set(k, target);
        outcomes.push({ rowNo, kind: 'pending', target, created: target.create });
        continue;
      }
      if (inBatch || stored) {
        outcomes.push({
          rowNo,
          kind: opts.mode === 'skip-duplicates' ? 'skipped' : 'failed',
          errors: [
            inBatch
              ? { field: 'year', code: 'duplicateInFile', params: { row: inBatch.rowNo } }
              : { field: 'year', code: 'taken' },
          ],
        });
        continue;
      }
      const target: Pending = { id: newId(), create: true, rowNo, value };
      batch.set(k, target);
      outcomes.push({ rowNo, kind: 'pending', target, created: true });
    }
    const who = { userId: ctx.actor.userId, now: ctx.now };
    const all = [...batch.values()];
    await repo.insertStats(
      tx,
      all
        .filter((p) => p.create)
        .map((p) => ({
          orgId,
          id: p.id,
          ...p.value,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          createdBy: ctx.actor.userId,
          updatedBy: ctx.actor.userId,
        })),
    );
    const versions = new Map<string, number>();
    for (const p of all.filter((x) => !x.create))
      versions.set(
        p.id,
        await repo.updateStatValues(
          tx,
          orgId,
          p.id,
          { importValue: p.value.importValue, currency: p.value.currency, source: p.value.source },
          who,
        ),
      );
    return outcomes.map((o): RowOutcome => {
      if (o.kind !== 'pending') return o;
      const t = o.target;
      return o.created
        ? { rowNo: o.rowNo, kind: 'created', id: t.id, version: 1 }
        : {
            rowNo: o.rowNo,
            kind: 'updated',
            id: t.id,
            version: versions.get(t.id) ?? 1,
            before: before(t.stored!),
          };
    });
  },

  async undo(tx, ctx, records): Promise<UndoResult> {
    const orgId = ctx.actor.orgId;
    const state = new Map(
      (
        await repo.statsByIds(
          tx,
          orgId,
          records.map((r) => r.recordId),
        )
      ).map((s) => [s.id, s]),
    );
    const conflicts: UndoResult['conflicts'] = [];
    const remove: string[] = [];
    let restored = 0;
    for (const r of records) {
      const s = state.get(r.recordId);
      if (!s) continue;
      if (s.version !== r.versionAfter || s.deletedAt !== null) {
        conflicts.push({ id: s.id, name: `${s.region} ${s.category} ${s.year}` });
        continue;
      }
      if (r.action === 'created') remove.push(s.id);
      else if (r.before) {
        const b = r.before as { importValue: string; currency: string; source: string | null };
        await repo.updateStatValues(tx, orgId, s.id, b, { userId: ctx.actor.userId, now: ctx.now });
        restored++;
      }
    }
    await repo.hardDeleteStats(tx, orgId, remove);
    return { undone: remove.length + restored, conflicts };
  },
};
