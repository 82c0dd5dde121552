import { Type, type Static } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

// The same lists as receivables.table.ts (schemas may not import tables).
export const InvoiceStatus = Type.Enum(['open', 'paid', 'void']);
export const PaymentMethod = Type.Enum([
  'bankTransfer',
  'cash',
  'cheque',
  'acceptance',
  'alipay',
  'wechatPay',
  'other',
]);
export const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const Money = Type.String({ pattern: '^\\d{1,16}(\\.\\d{1,2})?$', maxLength: 19 });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Notes = Nullable(Type.String({ maxLength: 2000 }));

export const INVOICE_SORTS = ['issueDate', 'dueDate', 'createdAt'] as const;
export const PAYMENT_SORTS = ['receivedOn', 'createdAt'] as const;

export const InvoiceCreate = Type.Object(
  {
    customerId: Type.Optional(Uuid),
    orderId: Type.Optional(Uuid),
    amount: Type.Optional(Money),
    currency: Type.Optional(Currency),
    issueDate: Ymd,
    dueDate: Type.Optional(Ymd),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);
export type InvoiceCreate = Static<typeof InvoiceCreate>;

export const InvoicePatch = Type.Object(
  {
    version: VersionField,
    amount: Type.Optional(Money),
    issueDate: Type.Optional(Ymd),
    dueDate: Type.Optional(Ymd),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);
export type InvoicePatch = Static<typeof InvoicePatch>;

export const InvoiceOut = Type.Object({
  ...RecordMeta,
  number: Type.String(),
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  orderId: Nullable(Uuid),
  orderNumber: Nullable(Type.String()),
  currency: Type.String(),
  amount: Type.String(),
  paidAmount: Type.String(),
  openAmount: Type.String(),
  issueDate: Type.String(),
  dueDate: Type.String(),
  status: InvoiceStatus,
  paidAt: Nullable(DateTime),
  notes: Nullable(Type.String()),
});

export const InvoiceListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    q: ListQueryBase.q,
    customerId: Type.Optional(Uuid),
    orderId: Type.Optional(Uuid),
    status: Type.Optional(InvoiceStatus),
    overdue: Type.Optional(Type.Boolean()),
    from: Type.Optional(Ymd),
    to: Type.Optional(Ymd),
  },
  { additionalProperties: false },
);
export type InvoiceListQuery = Static<typeof InvoiceListQuery>;

export const Allocation = Type.Object({ invoiceId: Uuid, amount: Money }, { additionalProperties: false });

export const PaymentCreate = Type.Object(
  {
    customerId: Uuid,
    amount: Money,
    currency: Currency,
    receivedOn: Ymd,
    method: Type.Optional(PaymentMethod),
    reference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    notes: Type.Optional(Notes),
    allocations: Type.Optional(Type.Array(Allocation, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type PaymentCreate = Static<typeof PaymentCreate>;

export const PaymentOut = Type.Object({
  ...RecordMeta,
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  currency: Type.String(),
  amount: Type.String(),
  allocatedAmount: Type.String(),
  unallocatedAmount: Type.String(),
  receivedOn: Type.String(),
  method: PaymentMethod,
  reference: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  allocations: Type.Optional(
    Type.Array(Type.Object({ invoiceId: Uuid, invoiceNumber: Type.String(), amount: Type.String() })),
  ),
});

export const PaymentListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    customerId: Type.Optional(Uuid),
    from: Type.Optional(Ymd),
    to: Type.Optional(Ymd),
  },
  { additionalProperties: false },
);
export type PaymentListQuery = Static<typeof PaymentListQuery>;

export const StatementQuery = Type.Object(
  { from: Ymd, to: Ymd, format: Type.Optional(Type.Enum(['json', 'xlsx', 'pdf'])) },
  { additionalProperties: false },
);
export type StatementQuery = Static<typeof StatementQuery>;

const StatementLine = Type.Object({
  date: Type.String(),
  kind: Type.Enum(['invoice', 'payment']),
  id: Uuid,
  reference: Nullable(Type.String()),
  debit: Type.String(),
  credit: Type.String(),
  balance: Type.String(),
});
export const StatementOut = Type.Object({
  customerId: Uuid,
  customerName: Type.String(),
  from: Type.String(),
  to: Type.String(),
  currencies: Type.Array(
    Type.Object({
      currency: Type.String(),
      opening: Type.String(),
      debits: Type.String(),
      credits: Type.String(),
      closing: Type.String(),
      lines: Type.Array(StatementLine),
    }),
  ),
});

export const AgeingQuery = Type.Object(
  {
    asOf: Type.Optional(Ymd),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
    format: Type.Optional(Type.Enum(['json', 'xlsx'])),
  },
  { additionalProperties: false },
);
export type AgeingQuery = Static<typeof AgeingQuery>;

const Buckets = {
  current: Type.String(),
  d1_30: Type.String(),
  d31_60: Type.String(),
  d61_90: Type.String(),
  d90plus: Type.String(),
  total: Type.String(),
};
export const AgeingOut = Type.Object({
  asOf: Type.String(),
  timeZone: Type.String(),
  totals: Type.Array(Type.Object({ currency: Type.String(), customers: Type.Integer(), ...Buckets })),
  /** Customers with the most overdue first (up to `limit`; the xlsx export has them all). */
  customers: Type.Array(
    Type.Object({
      customerId: Uuid,
      customerName: Nullable(Type.String()),
      currency: Type.String(),
      ...Buckets,
    }),
  ),
  customersTotal: Type.Integer(),
});

export const ReceivablesSummaryOut = Type.Object({
  customerId: Uuid,
  currencies: Type.Array(
    Type.Object({
      currency: Type.String(),
      invoiced: Type.String(),
      paid: Type.String(),
      open: Type.String(),
      overdue: Type.String(),
      unallocated: Type.String(),
    }),
  ),
  /** Amount-weighted mean of (local paid date − issue date) over paid invoices; null when none. */
  daysToPay: Nullable(Type.Number()),
  paidInvoices: Type.Integer(),
});

export const CreditOut = Type.Object({
  customerId: Uuid,
  limit: Nullable(Type.String()),
  currency: Type.String(),
  rating: Nullable(Type.String()),
  openReceivables: Type.String(),
  openOrders: Type.String(),
  available: Nullable(Type.String()),
  overdue: Type.String(),
  maxDaysOverdue: Type.Integer(),
  overdueThresholdDays: Type.Integer(),
  suspended: Type.Boolean(),
  suspendedReason: Nullable(Type.String()),
  suspendedAt: Nullable(DateTime),
});

export const SuspendBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const ResumeBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const ReleaseBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

export const HoldOut = Type.Object({
  id: Uuid,
  number: Type.String(),
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  status: Type.String(),
  currency: Type.String(),
  total: Type.String(),
  creditHold: Type.String(),
  creditHoldDetails: Nullable(Type.Record(Type.String(), Type.Unknown())),
  submittedAt: Nullable(DateTime),
  ownerId: Uuid,
  ownerName: Nullable(Type.String()),
});
