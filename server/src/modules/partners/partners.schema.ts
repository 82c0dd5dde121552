import { Type, type Static, type TSchema } from 'typebox';
import { ListQueryBase, Nullable, RecordMeta, VersionField } from '../../lib/schemas.ts';

// The same list as partners.table.ts (schemas may not import tables).
export const PARTNER_KIND_LIST = ['supplier', 'bank', 'insurer', 'courier', 'forwarder', 'other'] as const;
export const PartnerKindSchema = Type.Enum([...PARTNER_KIND_LIST]);
export const PARTNER_SORTS = ['name', 'kind', 'qualityRating', 'updatedAt'] as const;

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
/** 1 … 5; checked in the service so the error names the field with its own rule. */
const Rating = Opt(Type.Integer());

export const PartnerContactSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    title: Opt(Text(100)),
    phone: Opt(Text(40)),
    email: Opt(Text(254)),
    wechat: Opt(Text(100)),
  },
  { additionalProperties: false },
);

const FIELDS = {
  kind: PartnerKindSchema,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  mainProducts: Opt(Text(1000)),
  priceLevel: Rating,
  deliverySpeed: Rating,
  serviceLevel: Rating,
  qualityRating: Rating,
  phone: Opt(Text(40)),
  email: Opt(Text(254)),
  website: Opt(Text(200)),
  address: Opt(Text(300)),
  contacts: Type.Optional(Type.Array(PartnerContactSchema, { maxItems: 50 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
  notes: Opt(Text(5000)),
};

export const PartnerCreate = Type.Object(FIELDS, { additionalProperties: false });
export type PartnerCreate = Static<typeof PartnerCreate>;

export const PartnerPatch = Type.Object(
  {
    version: VersionField,
    ...FIELDS,
    kind: Type.Optional(FIELDS.kind),
    name: Type.Optional(FIELDS.name),
  },
  { additionalProperties: false },
);
export type PartnerPatch = Static<typeof PartnerPatch>;

const N = <T extends TSchema>(t: T) => Nullable(t);
export const PartnerOut = Type.Object({
  ...RecordMeta,
  kind: PartnerKindSchema,
  name: Type.String(),
  mainProducts: N(Type.String()),
  priceLevel: N(Type.Integer()),
  deliverySpeed: N(Type.Integer()),
  serviceLevel: N(Type.Integer()),
  qualityRating: N(Type.Integer()),
  phone: N(Type.String()),
  email: N(Type.String()),
  website: N(Type.String()),
  address: N(Type.String()),
  contacts: Type.Array(
    Type.Object({
      name: Type.String(),
      title: Type.Optional(N(Type.String())),
      phone: Type.Optional(N(Type.String())),
      email: Type.Optional(N(Type.String())),
      wechat: Type.Optional(N(Type.String())),
    }),
  ),
  tags: Type.Array(Type.String()),
  notes: N(Type.String()),
});

export const PartnerListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    q: ListQueryBase.q,
    kind: Type.Optional(PartnerKindSchema),
    tag: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type PartnerListQuery = Static<typeof PartnerListQuery>;
