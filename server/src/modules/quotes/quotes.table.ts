import {
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

export const QUOTE_STATUSES = [
  'draft',
  'pendingApproval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'expired',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A priced offer to a customer, from an opportunity or directly; accepted, it becomes an order. */
export const quotes = pgTable(
  'quotes',
  {
    ...tenantKey,
    /** Q-2026-000123, unique per organisation. */
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    opportunityId: uuid('opportunity_id'),
    currency: text('currency').notNull().default('CNY'),
    status: text('status').$type<QuoteStatus>().notNull().default('draft'),
    validUntil: date('valid_until', { mode: 'string' }),
    /** Totals kept with the quote: sums of its lines (money arithmetic in pure code). */
    subtotal: numeric('subtotal', { precision: 18, scale: 2 }).notNull().default('0'),
    discountTotal: numeric('discount_total', { precision: 18, scale: 2 }).notNull().default('0'),
    taxTotal: numeric('tax_total', { precision: 18, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 18, scale: 2 }).notNull().default('0'),
    /** The largest line discount in percent: compared with the author's authority. */
    maxDiscountPct: numeric('max_discount_pct', { precision: 5, scale: 2 }).notNull().default('0'),
    approvalRequestedAt: timestamptz('approval_requested_at'),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamptz('approved_at'),
    approvalNote: text('approval_note'),
    terms: text('terms'),
    notes: text('notes'),
    ownerId: uuid('owner_id').notNull(),
    teamId: uuid('team_id'),
    departmentId: uuid('department_id'),
    /** The order it became. */
    orderId: uuid('order_id'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('quotes_number_idx').on(t.orgId, t.number),
    index('quotes_customer_idx').on(t.orgId, t.customerId),
    index('quotes_owner_idx').on(t.orgId, t.ownerId, t.updatedAt),
    index('quotes_status_idx').on(t.orgId, t.status, t.updatedAt),
  ],
);

export const quoteLines = pgTable(
  'quote_lines',
  {
    ...tenantKey,
    quoteId: uuid('quote_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    sku: text('sku'),
    name: text('name').notNull(),
    unit: text('unit'),
    quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 2 }).notNull(),
    discountPct: numeric('discount_pct', { precision: 5, scale: 2 }).notNull().default('0'),
    taxRate: numeric('tax_rate', { precision: 5, scale: 2 }).notNull().default('0'),
    /** quantity × unit price × (1 − discount), rounded half-up to cents; tax apart. */
    lineTotal: numeric('line_total', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.quoteId], foreignColumns: [quotes.orgId, quotes.id] }),
    index('quote_lines_quote_idx').on(t.orgId, t.quoteId, t.position),
  ],
);
