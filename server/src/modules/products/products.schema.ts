import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

// The same list as products.table.ts (schemas may not import tables).
export const PRODUCT_STATUS_LIST = ['active', 'discontinued', 'draft'] as const;
export const ProductStatusSchema = Type.Enum([...PRODUCT_STATUS_LIST]);
export const PRODUCT_SORTS = ['sku', 'name', 'listPrice', 'updatedAt'] as const;

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
/** Money and rates travel as decimal strings; the service checks them with isDecimal (field named). */
const Money = Type.String({ minLength: 1, maxLength: 24 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

// ---------- categories ----------

export const CategoryCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Opt(Text(100)),
    parentId: Opt(Uuid),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type CategoryCreate = Static<typeof CategoryCreate>;

export const CategoryPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Opt(Text(100)),
    parentId: Opt(Uuid),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type CategoryPatch = Static<typeof CategoryPatch>;

export const CategoryOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  parentId: Nullable(Uuid),
  path: Type.String(),
  depth: Type.Integer(),
  sortOrder: Type.Integer(),
  /** Live products directly in this category. */
  productCount: Type.Integer(),
});

// ---------- products ----------

const PRODUCT_FIELDS = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Opt(Text(200)),
  categoryId: Opt(Uuid),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  listPrice: Type.Optional(Money),
  cost: Opt(Money),
  currency: Type.Optional(Currency),
  taxRate: Type.Optional(Money),
  status: Type.Optional(ProductStatusSchema),
  productLine: Opt(Text(100)),
  description: Opt(Text(5000)),
};

export const ProductCreate = Type.Object(
  { sku: Type.String({ minLength: 1, maxLength: 64 }), ...PRODUCT_FIELDS },
  { additionalProperties: false },
);
export type ProductCreate = Static<typeof ProductCreate>;

export const ProductPatch = Type.Object(
  {
    version: VersionField,
    sku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    ...PRODUCT_FIELDS,
    name: Type.Optional(PRODUCT_FIELDS.name),
  },
  { additionalProperties: false },
);
export type ProductPatch = Static<typeof ProductPatch>;

export const ProductImageOut = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  createdAt: DateTime,
});

export const ProductOut = Type.Object({
  ...RecordMeta,
  sku: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  categoryId: Nullable(Uuid),
  categoryName: Nullable(Type.String()),
  unit: Type.String(),
  listPrice: Type.String(),
  /** null when the caller's field rule hides it (products.cost). */
  cost: Nullable(Type.String()),
  currency: Type.String(),
  taxRate: Type.String(),
  status: ProductStatusSchema,
  productLine: Nullable(Type.String()),
  description: Nullable(Type.String()),
  images: Type.Optional(Type.Array(ProductImageOut)),
});

export const ProductListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    q: ListQueryBase.q,
    /** The category and its whole subtree. */
    categoryId: Type.Optional(Uuid),
    status: Type.Optional(ProductStatusSchema),
    productLine: Type.Optional(Text(100)),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

export const PriceQuery = Type.Object(
  {
    productIds: Type.String({ minLength: 1, maxLength: 4000, description: 'comma separated ids' }),
    customerId: Type.Optional(Uuid),
    customerType: Type.Optional(Text(100)),
    currency: Type.Optional(Currency),
    on: Type.Optional(Ymd),
  },
  { additionalProperties: false },
);
export type PriceQuery = Static<typeof PriceQuery>;

export const PriceOut = Type.Object({
  items: Type.Array(
    Type.Object({
      productId: Uuid,
      price: Type.String(),
      source: Type.Enum(['customer', 'customerType', 'general', 'listPrice']),
      priceListId: Nullable(Uuid),
    }),
  ),
});

// ---------- price lists ----------

const PRICE_LIST_FIELDS = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  customerType: Opt(Text(100)),
  customerId: Opt(Uuid),
  currency: Type.Optional(Currency),
  validFrom: Opt(Ymd),
  validTo: Opt(Ymd),
};

export const PriceListCreate = Type.Object(PRICE_LIST_FIELDS, { additionalProperties: false });
export type PriceListCreate = Static<typeof PriceListCreate>;

export const PriceListPatch = Type.Object(
  { version: VersionField, ...PRICE_LIST_FIELDS, name: Type.Optional(PRICE_LIST_FIELDS.name) },
  { additionalProperties: false },
);
export type PriceListPatch = Static<typeof PriceListPatch>;

export const PriceListItemOut = Type.Object({
  productId: Uuid,
  sku: Type.String(),
  name: Type.String(),
  listPrice: Type.String(),
  price: Type.String(),
});

export const PriceListOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  customerType: Nullable(Type.String()),
  customerId: Nullable(Uuid),
  customerName: Nullable(Type.String()),
  currency: Type.String(),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  itemCount: Type.Integer(),
  items: Type.Optional(Type.Array(PriceListItemOut)),
});

export const PriceListListQuery = Type.Object(
  {
    customerId: Type.Optional(Uuid),
    customerType: Type.Optional(Text(100)),
    q: ListQueryBase.q,
  },
  { additionalProperties: false },
);
export type PriceListListQuery = Static<typeof PriceListListQuery>;

export const PriceListItemsBody = Type.Array(
  Type.Object({ productId: Uuid, price: Money }, { additionalProperties: false }),
  { maxItems: 5000 },
);
export type PriceListItemsBody = Static<typeof PriceListItemsBody>;

export const ImageParams = Type.Object({ id: Uuid, imageId: Uuid }, { additionalProperties: false });
