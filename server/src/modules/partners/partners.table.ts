import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { recordMeta, tenantKey } from '../../db/columns.ts';
import { orgs } from '../orgs/orgs.table.ts';

export const PARTNER_KINDS = ['supplier', 'bank', 'insurer', 'courier', 'forwarder', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface PartnerContact {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
}

/** Suppliers and trade partners (banks, insurers, couriers, forwarders) with their contacts. */
export const partners = pgTable(
  'partners',
  {
    ...tenantKey,
    kind: text('kind').$type<PartnerKind>().notNull(),
    name: text('name').notNull(),
    mainProducts: text('main_products'),
    /** 1 (cheap) … 5 (dear). */
    priceLevel: integer('price_level'),
    /** Ratings 1 … 5. */
    deliverySpeed: integer('delivery_speed'),
    serviceLevel: integer('service_level'),
    qualityRating: integer('quality_rating'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    address: text('address'),
    contacts: jsonb('contacts').$type<PartnerContact[]>().notNull().default([]),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    notes: text('notes'),
    ...recordMeta,
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [orgs.id] }),
    index('partners_kind_idx').on(t.orgId, t.kind, t.name),
  ],
);
