import { Type, type Static } from 'typebox';
import { ListQueryBase, Nullable, RecordMeta, VersionField } from '../../lib/schemas.ts';

export const MARKET_SORTS = ['year', 'region', 'category', 'updatedAt'] as const;

/** A country (ISO alpha-2, English or Chinese name) or a mainland province (name or code). */
const Region = Type.String({ minLength: 1, maxLength: 100 });
const Category = Type.String({ minLength: 1, maxLength: 100 });
const Year = Type.Integer({ minimum: 1900, maximum: 2100 });
/** A decimal string with at most two places, never a float. */
const ImportValue = Type.String({ pattern: '^\\d{1,18}(\\.\\d{1,2})?$' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Source = Nullable(Type.String({ maxLength: 200 }));

export const MarketStatCreate = Type.Object(
  {
    region: Region,
    category: Category,
    year: Year,
    importValue: ImportValue,
    currency: Type.Optional(Currency),
    source: Type.Optional(Source),
  },
  { additionalProperties: false },
);
export type MarketStatCreate = Static<typeof MarketStatCreate>;

export const MarketStatPatch = Type.Object(
  {
    version: VersionField,
    region: Type.Optional(Region),
    category: Type.Optional(Category),
    year: Type.Optional(Year),
    importValue: Type.Optional(ImportValue),
    currency: Type.Optional(Currency),
    source: Type.Optional(Source),
  },
  { additionalProperties: false },
);
export type MarketStatPatch = Static<typeof MarketStatPatch>;

export const MarketStatOut = Type.Object({
  ...RecordMeta,
  region: Type.String(),
  regionName: Type.String(),
  category: Type.String(),
  year: Type.Integer(),
  importValue: Type.String(),
  currency: Type.String(),
  source: Nullable(Type.String()),
});

export const MarketStatListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    region: Type.Optional(Region),
    category: Type.Optional(Category),
    year: Type.Optional(Year),
  },
  { additionalProperties: false },
);
export type MarketStatListQuery = Static<typeof MarketStatListQuery>;

export const PotentialQuery = Type.Object(
  { category: Type.Optional(Category), toYear: Type.Optional(Year) },
  { additionalProperties: false },
);
export type PotentialQuery = Static<typeof PotentialQuery>;

export const PotentialOut = Type.Object({
  category: Nullable(Type.String()),
  categories: Type.Array(Type.String()),
  years: Type.Array(Type.Integer()),
  regions: Type.Array(
    Type.Object({
      region: Type.String(),
      name: Type.String(),
      currency: Nullable(Type.String()),
      values: Type.Array(Nullable(Type.String())),
      latest: Nullable(Type.String()),
      change: Nullable(Type.String()),
      changePct: Nullable(Type.Number()),
      cagr: Nullable(Type.Number()),
      customers: Type.Integer(),
      leads: Type.Integer(),
    }),
  ),
});
