import { sql } from 'drizzle-orm';
import { foreignKey, integer, numeric, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/**
 * Yearly trade/customs statistics: what a region imports of a product category. A region is an
 * ISO 3166-1 alpha-2 country code or a mainland division code.
 */
export const marketStats = pgTable(
  'market_stats',
  {
    ...tenantKey,
    region: text('region').notNull(),
    category: text('category').notNull(),
    year: integer('year').notNull(),
    importValue: numeric('import_value', { precision: 20, scale: 2 }).notNull(),
    currency: text('currency').notNull().default('USD'),
    /** Where the figure comes from: "UN Comtrade", "海关总署"… */
    source: text('source'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('market_stats_key_idx')
      .on(t.orgId, t.region, t.category, t.year)
      .where(sql`deleted_at is null`),
  ],
);
