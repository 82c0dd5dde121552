import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { recordMeta, tenantKey, timestamptz } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

export const INVOICE_STATUSES = ['open', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** A billing document against an order: what the customer owes and by when. */
export const invoices = pgTable(
  'invoices',
  {
    ...tenantKey,
    number: text('number').notNull(),
    customerId: uuid('customer_id').notNull(),
    orderId: uuid('order_id'),
    currency: text('currency').notNull().default('CNY'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    /** Sum of the allocations to it, kept with it. */
    paidAmount: numeric('paid_amount', { precision: 18, scale: 2 }).notNull().default('0'),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<InvoiceStatus>().notNull().default('open'),
    /** When the last allocation paid it in full (days-to-pay). */
    paidAt: timestamptz('paid_at'),
    notes: text('notes'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('invoices_number_idx').on(t.orgId, t.number),
    index('invoices_customer_idx').on(t.orgId, t.customerId, t.issueDate),
    /** Ageing and open receivables: open invoices by due date. */
    index('invoices_open_idx')
      .on(t.orgId, t.dueDate, t.customerId, t.currency, t.amount, t.paidAmount)
      .where(sql`status = 'open' and deleted_at is null`),
    index('invoices_order_idx').on(t.orgId, t.orderId),
  ],
);

export const PAYMENT_METHODS = [
  'bankTransfer',
  'cash',
  'cheque',
  'acceptance',
  'alipay',
  'wechatPay',
  'other',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Money received from a customer; allocated to its invoices. */
export const payments = pgTable(
  'payments',
  {
    ...tenantKey,
    customerId: uuid('customer_id').notNull(),
    currency: text('currency').notNull().default('CNY'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    /** Sum of its allocations; amount − allocated is on account. */
    allocatedAmount: numeric('allocated_amount', { precision: 18, scale: 2 }).notNull().default('0'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    method: text('method').$type<PaymentMethod>().notNull().default('bankTransfer'),
    reference: text('reference'),
    notes: text('notes'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('payments_customer_idx').on(t.orgId, t.customerId, t.receivedOn),
  ],
);

export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    orgId: uuid('org_id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.paymentId, t.invoiceId] }),
    foreignKey({ columns: [t.orgId, t.paymentId], foreignColumns: [payments.orgId, payments.id] }),
    foreignKey({ columns: [t.orgId, t.invoiceId], foreignColumns: [invoices.orgId, invoices.id] }),
    index('payment_allocations_invoice_idx').on(t.orgId, t.invoiceId),
  ],
);

/** A customer's ordering rights: suspended (with why, by whom) or not. Credit limit lives on customers. */
export const creditAccounts = pgTable(
  'credit_accounts',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    suspended: boolean('suspended').notNull().default(false),
    suspendedReason: text('suspended_reason'),
    suspendedAt: timestamptz('suspended_at'),
    suspendedBy: uuid('suspended_by'),
    resumedAt: timestamptz('resumed_at'),
    resumedBy: uuid('resumed_by'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
  ],
);
