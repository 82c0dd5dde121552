import { sql } from 'drizzle-orm';
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
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

/** Category tree; `path` is the chain of ids from the root ("/a/b/"), for a subtree's products. */
export const productCategories = pgTable(
  'product_categories',
  {
    ...tenantKey,
    name: text('name').notNull(),
    nameEn: text('name_en'),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('product_categories_path_idx').on(t.orgId, t.path),
  ],
);

export const PRODUCT_STATUSES = ['active', 'discontinued', 'draft'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** A catalogue item. Money is numeric with its currency, never a float. */
export const products = pgTable(
  'products',
  {
    ...tenantKey,
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    categoryId: uuid('category_id'),
    /** 台, 件, 箱, kg, pcs … */
    unit: text('unit').notNull().default('件'),
    listPrice: numeric('list_price', { precision: 18, scale: 2 }).notNull().default('0'),
    cost: numeric('cost', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
    /** Default VAT rate in percent (13.00 for most goods in China). */
    taxRate: numeric('tax_rate', { precision: 5, scale: 2 }).notNull().default('13'),
    status: text('status').$type<ProductStatus>().notNull().default('active'),
    /** Product line (dictionary productLine), ties the catalogue to leads and opportunities. */
    productLine: text('product_line'),
    description: text('description'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    uniqueIndex('products_sku_idx')
      .on(t.orgId, t.sku)
      .where(sql`deleted_at is null`),
    index('products_category_idx').on(t.orgId, t.categoryId),
    index('products_name_idx').on(t.orgId, t.name),
  ],
);

/** Prices for a customer type or one customer, valid between dates; the most specific valid one wins. */
export const priceLists = pgTable(
  'price_lists',
  {
    ...tenantKey,
    name: text('name').notNull(),
    /** Dictionary customerType key; null with customerId null = everyone. */
    customerType: text('customer_type'),
    customerId: uuid('customer_id'),
    currency: text('currency').notNull().default('CNY'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('price_lists_customer_idx').on(t.orgId, t.customerId),
  ],
);

export const priceListItems = pgTable(
  'price_list_items',
  {
    orgId: uuid('org_id').notNull(),
    priceListId: uuid('price_list_id').notNull(),
    productId: uuid('product_id').notNull(),
    price: numeric('price', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.priceListId, t.productId] }),
    foreignKey({ columns: [t.orgId, t.priceListId], foreignColumns: [priceLists.orgId, priceLists.id] }),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }),
    index('price_list_items_product_idx').on(t.orgId, t.productId),
  ],
);
