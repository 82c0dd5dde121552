import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';
import { CF_PARAM } from '../customization/index.ts';

/** Custom-field filters (cf.<key>, cf.<key>.gte, cf.<key>.lte) next to a list's own parameters. */
export const CF_FILTERS = { [CF_PARAM]: Type.String({ maxLength: 200 }) };

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

export const Kind = Type.Enum(['company', 'person']);
export const LifecycleStatus = Type.Enum(['prospect', 'active', 'dormant', 'lost']);
export const RelationshipLevel = Type.Enum(['transactional', 'preferred', 'partnership', 'strategic']);
export const Grade = Type.Enum(['A', 'B', 'C']);
export const DedupeKindSchema = Type.Enum(['name', 'creditCode', 'phone', 'email']);

/** `{ amount: "1234.50", currency: "CNY" }`: a decimal string, never a float. */
export const Money = Type.Object(
  {
    amount: Type.String({ pattern: '^\\d{1,16}(\\.\\d{1,2})?$' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);

export const KeyAccount = Type.Object(
  {
    history: Opt(Text(5000)),
    operatingModel: Opt(Text(5000)),
    honours: Opt(Text(5000)),
    achievements: Opt(Text(5000)),
  },
  { additionalProperties: false },
);

/** Editable profile fields, shared by create and patch. */
const profile = {
  shortName: Opt(Text(100)),
  code: Opt(Type.String({ minLength: 1, maxLength: 50 })),
  phones: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
  emails: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 254 }), { maxItems: 20 })),
  creditCode: Opt(Type.String({ minLength: 1, maxLength: 30 })),
  country: Opt(Type.String({ pattern: '^[A-Z]{2}$' })),
  province: Opt(Text(50)),
  city: Opt(Text(50)),
  district: Opt(Text(50)),
  address: Opt(Text(300)),
  website: Opt(Text(200)),
  industry: Opt(Text(100)),
  type: Opt(Text(100)),
  source: Opt(Text(100)),
  sourceDetail: Opt(Text(200)),
  mainProducts: Opt(Text(1000)),
  lifecycleStatus: Type.Optional(LifecycleStatus),
  relationshipLevel: Opt(RelationshipLevel),
  paymentTerms: Opt(Text(200)),
  creditLimit: Opt(Money),
  creditRating: Opt(Text(20)),
  grade: Opt(Grade),
  ownerId: Opt(Uuid),
  teamId: Opt(Uuid),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 50 })),
  // Values are checked in customer-input.ts (no type coercion inside a free-form object).
  customFields: Type.Optional(
    Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 100 }),
  ),
  keyAccount: Type.Optional(KeyAccount),
  /** Managers and administrators may save a probable duplicate on purpose; ignored for others. */
  allowDuplicate: Type.Optional(Type.Boolean()),
};

export const CustomerCreate = Type.Object(
  { kind: Kind, name: Type.String({ minLength: 1, maxLength: 200 }), ...profile },
  { additionalProperties: false },
);
export type CustomerCreate = Static<typeof CustomerCreate>;

export const CustomerPatch = Type.Object(
  {
    version: VersionField,
    kind: Type.Optional(Kind),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...profile,
  },
  { additionalProperties: false },
);
export type CustomerPatch = Static<typeof CustomerPatch>;

const HighlightSegment = Type.Object({ text: Type.String(), match: Type.Boolean() });

export const CustomerOut = Type.Object({
  ...RecordMeta,
  kind: Kind,
  name: Type.String(),
  shortName: Nullable(Type.String()),
  code: Nullable(Type.String()),
  phones: Type.Array(Type.String()),
  emails: Type.Array(Type.String()),
  creditCode: Nullable(Type.String()),
  country: Nullable(Type.String()),
  province: Nullable(Type.String()),
  provinceName: Nullable(Type.String()),
  city: Nullable(Type.String()),
  cityName: Nullable(Type.String()),
  district: Nullable(Type.String()),
  districtName: Nullable(Type.String()),
  address: Nullable(Type.String()),
  website: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  type: Nullable(Type.String()),
  source: Nullable(Type.String()),
  sourceDetail: Nullable(Type.String()),
  mainProducts: Nullable(Type.String()),
  lifecycleStatus: LifecycleStatus,
  relationshipLevel: Nullable(RelationshipLevel),
  paymentTerms: Nullable(Type.String()),
  creditLimit: Nullable(Money),
  creditRating: Nullable(Type.String()),
  grade: Nullable(Grade),
  ownerId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  ownerAssignedAt: Nullable(DateTime),
  tags: Type.Array(Type.String()),
  customFields: Type.Record(Type.String(), Type.Unknown()),
  keyAccount: KeyAccount,
  mergedIntoId: Nullable(Uuid),
  /** Present in search results: the name cut into matched and unmatched pieces. */
  highlight: Type.Optional(Type.Array(HighlightSegment)),
});
export type CustomerOut = Static<typeof CustomerOut>;

export const CustomerListQuery = Type.Object(
  {
    ...ListQueryBase,
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    lifecycleStatus: Type.Optional(LifecycleStatus),
    grade: Type.Optional(Grade),
    province: Type.Optional(Text(50)),
    city: Type.Optional(Text(50)),
    type: Type.Optional(Text(100)),
    source: Type.Optional(Text(100)),
    tag: Type.Optional(Text(30)),
    kind: Type.Optional(Kind),
  },
  { additionalProperties: false, patternProperties: CF_FILTERS },
);
/** The declared parameters, plus any `cf.*` filters (read as a record). */
export type CustomerListQuery = Static<typeof CustomerListQuery> & { [cf: `cf.${string}`]: string };

export const CUSTOMER_SORTS = ['name', 'code', 'grade', 'createdAt', 'updatedAt'] as const;

export const DuplicateQuery = Type.Object(
  {
    kind: Type.Optional(Kind),
    name: Type.Optional(Text(200)),
    // One value or several (?phones=a&phones=b); commas are not separators, numbers contain none.
    phones: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
    emails: Type.Optional(Type.Array(Text(254), { maxItems: 20 })),
    creditCode: Type.Optional(Text(30)),
    /** The customer being edited, left out of the answer. */
    excludeId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type DuplicateQuery = Static<typeof DuplicateQuery>;

/** What anyone may learn about a probable duplicate, even outside their data scope. */
export const DuplicateOut = Type.Object({
  existingId: Uuid,
  ownerId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  matchedOn: Type.Array(DedupeKindSchema),
});
export type DuplicateOut = Static<typeof DuplicateOut>;

export const TransferBody = Type.Object(
  {
    fromOwnerId: Uuid,
    toOwnerId: Uuid,
    customerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type TransferBody = Static<typeof TransferBody>;

export const TransferOut = Type.Object({ transferred: Type.Integer(), customerIds: Type.Array(Uuid) });

export const MergeBody = Type.Object(
  { duplicateId: Uuid, version: VersionField },
  { additionalProperties: false },
);
export type MergeBody = Static<typeof MergeBody>;

export const OwnerHistoryOut = Type.Object({
  items: Type.Array(
    Type.Object({
      at: DateTime,
      fromOwnerId: Nullable(Uuid),
      fromOwnerName: Nullable(Type.String()),
      toOwnerId: Nullable(Uuid),
      toOwnerName: Nullable(Type.String()),
      changedBy: Nullable(Uuid),
      changedByName: Nullable(Type.String()),
      reason: Type.String(),
    }),
  ),
});

export const RevealBody = Type.Object(
  { field: Type.Enum(['phones', 'emails']) },
  { additionalProperties: false },
);
export const RevealOut = Type.Object({ value: Type.Array(Type.String()) });

/** Columns the customer list can show (saved views remember a choice of them). */
export const CUSTOMER_COLUMNS = [
  'name',
  'code',
  'phones',
  'region',
  'industry',
  'type',
  'source',
  'lifecycleStatus',
  'grade',
  'relationshipLevel',
  'owner',
  'tags',
  'createdAt',
  'updatedAt',
] as const;

/** What a saved view of the customer list may hold: its query parameters, sorts and columns. */
export const CUSTOMER_LIST_SHAPE = {
  params: CustomerListQuery.properties as unknown as Record<
    string,
    { enum?: unknown[]; type?: string; maxLength?: number; pattern?: string }
  >,
  sorts: CUSTOMER_SORTS,
  columns: CUSTOMER_COLUMNS,
};
