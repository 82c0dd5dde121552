import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'inProduction',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_SOURCES = ['rep', 'quote', 'import', 'api', 'portal'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/** A customer's order; one timeline (order_events) that every department writes on. */
export const orders = pgTable(
  'orders',
  {
    ...tenantKey,
    /** SO-2026-000123, unique per organisation. */
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    quoteId: uuid('quote_id'),
    opportunityId: uuid('opportunity_id'),
    status: text('status').$type<OrderStatus>().notNull().default('draft'),
    source: text('source').$type<OrderSource>().notNull().default('rep'),
    currency: text('currency').notNull().default('CNY'),
    subtotal: numeric('subtotal', { precision: 18, scale: 2 }).notNull().default('0'),
    discountTotal: numeric('discount_total', { precision: 18, scale: 2 }).notNull().default('0'),
    taxTotal: numeric('tax_total', { precision: 18, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 18, scale: 2 }).notNull().default('0'),
    costTotal: numeric('cost_total', { precision: 18, scale: 2 }).notNull().default('0'),
    /** total net of tax − cost. */
    profit: numeric('profit', { precision: 18, scale: 2 }).notNull().default('0'),
    /** Payment terms: share paid before production (percent) and days of credit for the rest. */
    prepaymentPct: numeric('prepayment_pct', { precision: 5, scale: 2 }).notNull().default('0'),
    creditDays: integer('credit_days').notNull().default(0),
    deliveryAddress: text('delivery_address'),
    /** Credit control: on hold until finance releases it (reason code + details). */
    creditHold: text('credit_hold'),
    creditHoldDetails: jsonb('credit_hold_details').$type<Record<string, unknown>>(),
    creditReleasedBy: uuid('credit_released_by'),
    creditReleasedAt: timestamptz('credit_released_at'),
    submittedAt: timestamptz('submitted_at'),
    approvedAt: timestamptz('approved_at'),
    shippedAt: timestamptz('shipped_at'),
    deliveredAt: timestamptz('delivered_at'),
    completedAt: timestamptz('completed_at'),
    cancelledAt: timestamptz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    notes: text('notes'),
    ownerId: uuid('owner_id').notNull(),
    teamId: uuid('team_id'),
    departmentId: uuid('department_id'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('orders_number_idx').on(t.orgId, t.number),
    index('orders_customer_idx').on(t.orgId, t.customerId, t.createdAt),
    index('orders_owner_idx')
      .on(t.orgId, t.ownerId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('orders_status_idx')
      .on(t.orgId, t.status, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('orders_updated_idx')
      .on(t.orgId, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    index('orders_hold_idx')
      .on(t.orgId, t.createdAt)
      .where(sql`credit_hold is not null and deleted_at is null`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    ...tenantKey,
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    sku: text('sku'),
    name: text('name').notNull(),
    unit: text('unit'),
    quantity: numeric('quantity', { precision: 18, scale: 3 }).notNull(),
    unitPrice: numeric('unit_price', { precision: 18, scale: 2 }).notNull(),
    discountPct: numeric('discount_pct', { precision: 5, scale: 2 }).notNull().default('0'),
    taxRate: numeric('tax_rate', { precision: 5, scale: 2 }).notNull().default('0'),
    lineTotal: numeric('line_total', { precision: 18, scale: 2 }).notNull(),
    /** Unit cost at the time of the order. */
    unitCost: numeric('unit_cost', { precision: 18, scale: 2 }),
    shippedQuantity: numeric('shipped_quantity', { precision: 18, scale: 3 }).notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
    index('order_lines_order_idx').on(t.orgId, t.orderId, t.position),
    index('order_lines_product_idx').on(t.orgId, t.productId),
  ],
);

/** The order's timeline: transitions, shipments, holds, notes — who, when, which department. */
export const orderEvents = pgTable(
  'order_events',
  {
    ...tenantKey,
    orderId: uuid('order_id').notNull(),
    /** transition | shipment | hold | release | note */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** The department (role key) that wrote it: sales, finance, production, logistics … */
    department: text('department'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamptz('at').notNull().defaultNow(),
    by: uuid('by'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
    index('order_events_order_idx').on(t.orgId, t.orderId, t.at),
  ],
);

/** A (partial) shipment: carrier, tracking number, and what left the warehouse. */
export const shipments = pgTable(
  'shipments',
  {
    ...tenantKey,
    orderId: uuid('order_id').notNull(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    shippedAt: timestamptz('shipped_at').notNull(),
    deliveredAt: timestamptz('delivered_at'),
    /** [{ orderLineId, quantity }] */
    lines: jsonb('lines').$type<{ orderLineId: string; quantity: string }[]>().notNull(),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }),
    index('shipments_order_idx').on(t.orgId, t.orderId),
  ],
);
