import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid, VersionField } from '../../lib/schemas.ts';

/** A quantity: a decimal string (three places) or a number; negatives are refused by the rules, naming the field. */
const Qty = Type.Union([Type.String({ maxLength: 24 }), Type.Number()]);
const Month = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' });
const strict = { additionalProperties: false };

export const DealerReportCreate = Type.Object(
  {
    customerId: Uuid,
    productId: Uuid,
    month: Month,
    openingStock: Type.Optional(Qty),
    purchased: Qty,
    sold: Qty,
    closingStock: Qty,
    categorySales: Type.Optional(Nullable(Qty)),
  },
  strict,
);
export type DealerReportCreate = Static<typeof DealerReportCreate>;

export const DealerReportPatch = Type.Object(
  {
    version: VersionField,
    openingStock: Type.Optional(Qty),
    purchased: Type.Optional(Qty),
    sold: Type.Optional(Qty),
    closingStock: Type.Optional(Qty),
    categorySales: Type.Optional(Nullable(Qty)),
  },
  strict,
);
export type DealerReportPatch = Static<typeof DealerReportPatch>;

export const DealerGridSave = Type.Object(
  {
    customerId: Uuid,
    month: Month,
    rows: Type.Array(
      Type.Object(
        {
          productId: Uuid,
          openingStock: Type.Optional(Qty),
          purchased: Qty,
          sold: Qty,
          closingStock: Qty,
          categorySales: Type.Optional(Nullable(Qty)),
        },
        strict,
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  strict,
);
export type DealerGridSave = Static<typeof DealerGridSave>;

export const DealerReportListQuery = Type.Object(
  {
    customerId: Type.Optional(Uuid),
    productId: Type.Optional(Uuid),
    ownerId: Type.Optional(Uuid),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    flagged: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  strict,
);
export type DealerReportListQuery = Static<typeof DealerReportListQuery>;

export const DealerMetricsQuery = Type.Object(
  {
    customerId: Uuid,
    productId: Type.Optional(Uuid),
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    to: Type.Optional(Month),
  },
  strict,
);
export type DealerMetricsQuery = Static<typeof DealerMetricsQuery>;

export const DealerDiagnosisQuery = Type.Object(
  {
    ownerId: Type.Optional(Uuid),
    month: Type.Optional(Month),
    coverDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  strict,
);
export type DealerDiagnosisQuery = Static<typeof DealerDiagnosisQuery>;

export const DealerExportQuery = Type.Object(
  {
    customerId: Type.Optional(Uuid),
    productId: Type.Optional(Uuid),
    ownerId: Type.Optional(Uuid),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    flagged: Type.Optional(Type.Boolean()),
    format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])),
  },
  strict,
);
export type DealerExportQuery = Static<typeof DealerExportQuery>;

const Check = Type.Object({
  previousClosing: Nullable(Type.String()),
  expectedClosing: Type.String(),
  shipped: Nullable(Type.String()),
});

export const DealerReportOut = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  customerId: Uuid,
  customerName: Type.String(),
  productId: Uuid,
  productSku: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  month: Type.String(),
  openingStock: Type.String(),
  purchased: Type.String(),
  sold: Type.String(),
  closingStock: Type.String(),
  categorySales: Nullable(Type.String()),
  flags: Type.Array(Type.String()),
  check: Check,
  source: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const DealerGridOut = Type.Object({
  customerId: Uuid,
  month: Type.String(),
  items: Type.Array(DealerReportOut),
});

const Metrics = Type.Object({
  month: Type.String(),
  openingStock: Type.String(),
  purchased: Type.String(),
  sold: Type.String(),
  closingStock: Type.String(),
  sellThrough: Nullable(Type.Number()),
  coverDays: Nullable(Type.Number()),
  turnoverDays: Nullable(Type.Number()),
  share: Nullable(Type.Number()),
  soldTrend: Nullable(Type.String()),
  coverTrend: Nullable(Type.String()),
  sold3mAvg: Type.String(),
  shipped: Type.String(),
  flags: Type.Array(Type.String()),
});

export const DealerMetricsOut = Type.Object({
  customerId: Uuid,
  from: Type.String(),
  to: Type.String(),
  series: Type.Array(
    Type.Object({
      productId: Uuid,
      productSku: Nullable(Type.String()),
      productName: Nullable(Type.String()),
      months: Type.Array(Metrics),
    }),
  ),
});

export const DealerDiagnosisOut = Type.Object({
  month: Nullable(Type.String()),
  coverDays: Type.Integer(),
  items: Type.Array(
    Type.Object({
      ownerId: Nullable(Uuid),
      ownerName: Nullable(Type.String()),
      customerId: Uuid,
      customerName: Type.String(),
      productId: Uuid,
      productSku: Nullable(Type.String()),
      productName: Nullable(Type.String()),
      month: Type.String(),
      diagnoses: Type.Array(Type.String()),
      coverDays: Nullable(Type.Number()),
      sold: Type.String(),
      closingStock: Type.String(),
      soldTrend: Nullable(Type.String()),
    }),
  ),
});
