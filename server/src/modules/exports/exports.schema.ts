import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../lib/schemas.ts';
import { CF_PARAM } from '../customization/index.ts';
import { ContactListQuery } from '../contacts/index.ts';
import { CustomerListQuery } from '../customers/index.ts';
import { OpportunityListQuery } from '../opportunities/index.ts';
import { LeadListQuery } from '../leads/index.ts';
import { ProductListQuery } from '../products/index.ts';
import { PartnerListQuery } from '../partners/index.ts';
import { OrderListQuery } from '../orders/index.ts';

export const EXPORT_ENTITIES = [
  'customers',
  'contacts',
  'opportunities',
  'leads',
  'orders',
  'products',
  'partners',
] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

/** Each entity's list parameters: an export takes exactly the filters its list takes. */
export const LIST_QUERIES = {
  customers: CustomerListQuery,
  contacts: ContactListQuery,
  opportunities: OpportunityListQuery,
  leads: LeadListQuery,
  products: ProductListQuery,
  partners: PartnerListQuery,
  orders: OrderListQuery,
};

const Format = Type.Enum(['xlsx', 'csv']);
const Encoding = Type.Enum(['utf-8', 'gbk']);
/** The list's visible columns, comma separated (name is always written). */
const ColumnsParam = Type.String({ maxLength: 2000, pattern: '^[A-Za-z0-9_.,-]*$' });

const fileParams = {
  format: Type.Optional(Format),
  encoding: Type.Optional(Encoding),
  columns: Type.Optional(ColumnsParam),
};

/** `GET /<entity>/export`: the list's own parameters plus format, encoding and columns. */
export function exportQuerySchema(entity: ExportEntity) {
  return Type.Object(
    { ...LIST_QUERIES[entity].properties, ...fileParams },
    { additionalProperties: false, patternProperties: { [CF_PARAM]: Type.String({ maxLength: 200 }) } },
  );
}

export const ExportCreate = Type.Object(
  {
    entity: Type.Enum([...EXPORT_ENTITIES]),
    format: Format,
    encoding: Type.Optional(Encoding),
    columns: Type.Optional(
      Type.Array(Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' }), { maxItems: 200 }),
    ),
    /** The list's filters and sort, as its query string would carry them (checked against that list). */
    query: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 100 }),
        Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean()]),
        {
          maxProperties: 50,
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ExportCreate = Static<typeof ExportCreate>;

export const ExportOut = Type.Object({
  id: Uuid,
  entity: Type.String(),
  format: Type.String(),
  status: Type.Enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progress: Type.Object({ processed: Type.Number(), total: Nullable(Type.Number()) }),
  fileName: Nullable(Type.String()),
  error: Nullable(Type.String()),
});
export type ExportOut = Static<typeof ExportOut>;
