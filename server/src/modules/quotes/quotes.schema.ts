import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';
import { QUOTE_STATUSES } from './quote-rules.ts';

const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Decimal strings, never floats: money 2 places, quantity 3, percent 2 (0–100). */
const Money = Type.String({ pattern: '^\\d{1,16}(\\.\\d{1,2})?$' });
const Quantity = Type.String({ pattern: '^\\d{1,15}(\\.\\d{1,3})?$' });
const Percent = Type.String({ pattern: '^(100(\\.0{1,2})?|\\d{1,2}(\\.\\d{1,2})?)$' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Status = Type.Enum([...QUOTE_STATUSES]);

export const QuoteLineIn = Type.Object(
  {
    /** A catalogue product: name, unit, price and tax rate default from it. */
    productId: Opt(Uuid),
    /** Required for a free-text line (no productId). */
    name: Opt(Type.String({ minLength: 1, maxLength: 300 })),
    quantity: Quantity,
    /** Default: the product's price for this customer (price lists), else its list price. */
    unitPrice: Opt(Money),
    discountPct: Opt(Percent),
    /** Default: the product's tax rate, else 0. */
    taxRate: Opt(Percent),
  },
  { additionalProperties: false },
);
export type QuoteLineIn = Static<typeof QuoteLineIn>;

const Lines = Type.Array(QuoteLineIn, { minItems: 1, maxItems: 200 });

const body = {
  opportunityId: Opt(Uuid),
  contactId: Opt(Uuid),
  currency: Currency,
  validUntil: Ymd,
  lines: Lines,
  terms: Opt(Type.String({ maxLength: 5000 })),
  notes: Opt(Type.String({ maxLength: 5000 })),
};

export const QuoteCreate = Type.Object({ customerId: Uuid, ...body }, { additionalProperties: false });
export type QuoteCreate = Static<typeof QuoteCreate>;

export const QuotePatch = Type.Object(
  {
    version: VersionField,
    customerId: Type.Optional(Uuid),
    opportunityId: body.opportunityId,
    contactId: body.contactId,
    currency: Type.Optional(Currency),
    validUntil: Type.Optional(Ymd),
    lines: Type.Optional(Lines),
    terms: body.terms,
    notes: body.notes,
  },
  { additionalProperties: false },
);
export type QuotePatch = Static<typeof QuotePatch>;

/** Totals computed server-side from lines that are not saved (the editor's live totals). */
export const QuotePreviewIn = Type.Object(
  { customerId: Opt(Uuid), currency: Currency, lines: Type.Array(QuoteLineIn, { maxItems: 200 }) },
  { additionalProperties: false },
);
export type QuotePreviewIn = Static<typeof QuotePreviewIn>;

export const QuoteLineOut = Type.Object({
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
  tax: Type.String(),
});
export type QuoteLineOut = Static<typeof QuoteLineOut>;

const totals = {
  subtotal: Type.String(),
  discountTotal: Type.String(),
  taxTotal: Type.String(),
  total: Type.String(),
  maxDiscountPct: Type.String(),
};

export const QuotePreviewOut = Type.Object({
  currency: Type.String(),
  ...totals,
  /** The caller's own discount authority and whether these lines would go to approval. */
  authorityPct: Type.String(),
  needsApproval: Type.Boolean(),
  lines: Type.Array(Type.Omit(QuoteLineOut, ['id', 'position'])),
});

export const QuoteOut = Type.Object({
  ...RecordMeta,
  number: Type.String(),
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  contactId: Nullable(Uuid),
  contactName: Nullable(Type.String()),
  opportunityId: Nullable(Uuid),
  opportunityName: Nullable(Type.String()),
  currency: Type.String(),
  /** The effective status: an open quote past validUntil reads as expired. */
  status: Status,
  validUntil: Nullable(Type.String()),
  ...totals,
  approvalRequestedAt: Nullable(DateTime),
  approvedBy: Nullable(Uuid),
  approvedByName: Nullable(Type.String()),
  approvedAt: Nullable(DateTime),
  approvalNote: Nullable(Type.String()),
  terms: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  ownerId: Uuid,
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  orderId: Nullable(Uuid),
  lines: Type.Optional(Type.Array(QuoteLineOut)),
});
export type QuoteOut = Static<typeof QuoteOut>;

export const QUOTE_SORTS = ['updatedAt', 'createdAt', 'total', 'validUntil', 'number'] as const;

export const QuoteListQuery = Type.Object(
  {
    ...ListQueryBase,
    status: Type.Optional(Status),
    customerId: Type.Optional(Uuid),
    opportunityId: Type.Optional(Uuid),
    ownerId: Type.Optional(Uuid),
    /** Only quotes waiting for the caller's approval (not their own). */
    awaitingMe: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type QuoteListQuery = Static<typeof QuoteListQuery>;

export const StepBody = Type.Object(
  { version: Type.Optional(VersionField), note: Opt(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type StepBody = Static<typeof StepBody>;

export const RejectBody = Type.Object(
  { version: Type.Optional(VersionField), note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const AcceptOut = Type.Object({
  quote: QuoteOut,
  order: Type.Object({ id: Uuid, number: Type.String() }, { additionalProperties: true }),
});

export const QuoteSettings = Type.Object(
  {
    /** roleKey → the largest line discount (percent) that role may give without approval. */
    discountAuthority: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,49}$' }), Percent),
  },
  { additionalProperties: false },
);
export type QuoteSettings = Static<typeof QuoteSettings>;

export const PrintQuery = Type.Object(
  { lang: Type.Optional(Type.Enum(['zh-CN', 'en'])) },
  { additionalProperties: false },
);
