import { sql } from 'drizzle-orm';
import {
  date,
  foreignKey,
  index,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

export const DEALER_REPORT_SOURCES = ['manual', 'import', 'portal'] as const;
export type DealerReportSource = (typeof DEALER_REPORT_SOURCES)[number];

/**
 * 月度进销存: one dealer (customer) × product × month — opening stock, bought from us (sell-in),
 * sold (sell-out), closing stock. Mismatches are flagged in `flags`, never silently fixed.
 */
export const dealerReports = pgTable(
  'dealer_reports',
  {
    ...tenantKey,
    customerId: uuid('customer_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** First day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    openingStock: numeric('opening_stock', { precision: 18, scale: 3 }).notNull(),
    purchased: numeric('purchased', { precision: 18, scale: 3 }).notNull(),
    sold: numeric('sold', { precision: 18, scale: 3 }).notNull(),
    closingStock: numeric('closing_stock', { precision: 18, scale: 3 }).notNull(),
    /** The dealer's total sales of the product's category that month (units), for our share. */
    categorySales: numeric('category_sales', { precision: 18, scale: 3 }),
    /** e.g. openingMismatch, balanceMismatch, sellInMismatch */
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    source: text('source').$type<DealerReportSource>().notNull().default('manual'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('dealer_reports_key_idx')
      .on(t.orgId, t.customerId, t.productId, t.month)
      .where(sql`deleted_at is null`),
    index('dealer_reports_month_idx').on(t.orgId, t.month),
  ],
);
