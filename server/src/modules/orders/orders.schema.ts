import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';
import { ORDER_SOURCES, ORDER_STATUSES, QUEUE_DEPARTMENTS } from './order-flow.ts';

const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Decimal strings, never floats; the sign is checked by the service so the field is named. */
const Quantity = Type.String({ pattern: '^-?\\d{1,15}(\\.\\d{1,3})?$' });
const Money = Type.String({ pattern: '^\\d{1,16}(\\.\\d{1,2})?$' });
const Pct = Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,2})?$' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Status = Type.Enum([...ORDER_STATUSES]);

export const OrderLineIn = Type.Object(
  {
    /** A catalogue product: name, SKU, unit, tax rate and cost are copied from it. */
    productId: Opt(Uuid),
    /** Required without a product. */
    name: Opt(Type.String({ minLength: 1, maxLength: 300 })),
    quantity: Quantity,
    /** Default: the product's list price. */
    unitPrice: Opt(Money),
    discountPct: Opt(Pct),
    /** Default: the product's tax rate. */
    taxRate: Opt(Pct),
  },
  { additionalProperties: false },
);

const terms = {
  prepaymentPct: Opt(Pct),
  creditDays: Opt(Type.Integer({ minimum: 0, maximum: 3650 })),
  deliveryAddress: Opt(Type.String({ maxLength: 1000 })),
  notes: Opt(Type.String({ maxLength: 5000 })),
};

export const OrderCreate = Type.Object(
  {
    customerId: Uuid,
    currency: Type.Optional(Currency),
    lines: Type.Array(OrderLineIn, { minItems: 1, maxItems: 500 }),
    opportunityId: Opt(Uuid),
    ...terms,
  },
  { additionalProperties: false },
);
export type OrderCreate = Static<typeof OrderCreate>;

/** Totals computed as an order would be, nothing saved. */
export const OrderPreview = Type.Object(
  {
    customerId: Type.Optional(Uuid),
    currency: Type.Optional(Currency),
    lines: Type.Array(OrderLineIn, { minItems: 0, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type OrderPreview = Static<typeof OrderPreview>;

/** A draft's lines, terms and address; status moves go through /transition. */
export const OrderPatch = Type.Object(
  {
    version: VersionField,
    currency: Type.Optional(Currency),
    lines: Type.Optional(Type.Array(OrderLineIn, { minItems: 1, maxItems: 500 })),
    ...terms,
  },
  { additionalProperties: false },
);
export type OrderPatch = Static<typeof OrderPatch>;

export const TransitionBody = Type.Object(
  {
    to: Status,
    version: VersionField,
    carrier: Opt(Type.String({ maxLength: 200 })),
    trackingNumber: Opt(Type.String({ maxLength: 200 })),
    /** Shipped quantities per order line; default: everything still open. */
    lines: Type.Optional(
      Type.Array(Type.Object({ orderLineId: Uuid, quantity: Quantity }, { additionalProperties: false }), {
        maxItems: 500,
      }),
    ),
    reason: Opt(Type.String({ maxLength: 2000 })),
    note: Opt(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const NoteBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

export const OrderLineOut = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  productId: Nullable(Uuid),
  sku: Nullable(Type.String()),
  name: Type.String(),
  unit: Nullable(Type.String()),
  quantity: Type.String(),
  unitPrice: Type.String(),
  discountPct: Type.String(),
  taxRate: Type.String(),
  lineTotal: Type.String(),
  unitCost: Nullable(Type.String()),
  shippedQuantity: Type.String(),
});

const totals = {
  subtotal: Type.String(),
  discountTotal: Type.String(),
  taxTotal: Type.String(),
  total: Type.String(),
  costTotal: Nullable(Type.String()),
  profit: Nullable(Type.String()),
};

export const OrderOut = Type.Object({
  ...RecordMeta,
  number: Type.String(),
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  quoteId: Nullable(Uuid),
  opportunityId: Nullable(Uuid),
  status: Status,
  source: Type.Enum([...ORDER_SOURCES]),
  currency: Type.String(),
  ...totals,
  prepaymentPct: Type.String(),
  creditDays: Type.Integer(),
  deliveryAddress: Nullable(Type.String()),
  onHold: Type.Boolean(),
  creditHold: Nullable(Type.String()),
  creditHoldDetails: Nullable(Type.Unknown()),
  creditReleasedAt: Nullable(DateTime),
  submittedAt: Nullable(DateTime),
  approvedAt: Nullable(DateTime),
  shippedAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  cancelledAt: Nullable(DateTime),
  cancelReason: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  ownerId: Uuid,
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  tags: Type.Array(Type.String()),
  /** Only in single-order answers. */
  lines: Type.Optional(Type.Array(OrderLineOut)),
  /** The steps the caller's role may take now (the "next step" buttons). */
  nextSteps: Type.Array(Status),
});
export type OrderOut = Static<typeof OrderOut>;

export const PreviewOut = Type.Object({
  currency: Type.String(),
  lines: Type.Array(
    Type.Object({
      productId: Nullable(Uuid),
      sku: Nullable(Type.String()),
      name: Type.String(),
      unit: Nullable(Type.String()),
      quantity: Type.String(),
      unitPrice: Type.String(),
      discountPct: Type.String(),
      taxRate: Type.String(),
      gross: Type.String(),
      discount: Type.String(),
      net: Type.String(),
      tax: Type.String(),
    }),
  ),
  ...totals,
});

export const OrderEventOut = Type.Object({
  id: Uuid,
  kind: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Nullable(Type.String()),
  department: Nullable(Type.String()),
  note: Nullable(Type.String()),
  data: Type.Unknown(),
  at: DateTime,
  by: Nullable(Uuid),
  byName: Nullable(Type.String()),
});

export const ORDER_SORTS = ['createdAt', 'updatedAt', 'total', 'number'] as const;
export const ORDER_COLUMNS = [
  'number',
  'customerName',
  'status',
  'total',
  'currency',
  'ownerName',
  'onHold',
  'createdAt',
  'updatedAt',
] as const;

const orderFilters = {
  status: Type.Optional(Status),
  customerId: Type.Optional(Uuid),
  ownerId: Type.Optional(Uuid),
  onHold: Type.Optional(Type.Enum(['true', 'false'])),
  createdFrom: Type.Optional(Ymd),
  createdTo: Type.Optional(Ymd),
};

export const OrderListQuery = Type.Object(
  { ...ListQueryBase, ...orderFilters },
  { additionalProperties: false },
);
export type OrderListQuery = Static<typeof OrderListQuery>;

export const OrderQueueQuery = Type.Object(
  {
    ...ListQueryBase,
    /** A department's role key; default the caller's role. */
    department: Type.Optional(Type.Enum([...QUEUE_DEPARTMENTS])),
  },
  { additionalProperties: false },
);
export type OrderQueueQuery = Static<typeof OrderQueueQuery>;

/** What a saved view of the order list may hold (see views/view-config.ts). */
export const ORDER_LIST_SHAPE = {
  params: OrderListQuery.properties as unknown as Record<
    string,
    { enum?: unknown[]; type?: string; maxLength?: number; pattern?: string }
  >,
  sorts: ORDER_SORTS,
  columns: ORDER_COLUMNS,
};
