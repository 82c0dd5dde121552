import { Type, type Static, type TSchema } from 'typebox';
import { ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';
import { CF_PARAM } from '../customization/index.ts';

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

export const DecisionRole = Type.Enum(['decision_maker', 'influencer', 'user', 'other']);
const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const profile = {
  title: Opt(Text(100)),
  phones: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
  emails: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 254 }), { maxItems: 20 })),
  wechatId: Opt(Text(100)),
  decisionRole: Opt(DecisionRole),
  birthday: Opt(Ymd),
  birthdayLunar: Type.Optional(Type.Boolean()),
  hobbies: Opt(Text(1000)),
  familyNotes: Opt(Text(2000)),
  isKeyPerson: Type.Optional(Type.Boolean()),
  notes: Opt(Text(5000)),
  // Checked against the organisation's definitions in the service (validateCustomFields).
  customFields: Type.Optional(
    Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 100 }),
  ),
};

export const ContactCreate = Type.Object(
  { customerId: Uuid, name: Type.String({ minLength: 1, maxLength: 100 }), ...profile },
  { additionalProperties: false },
);
export type ContactCreate = Static<typeof ContactCreate>;

export const ContactPatch = Type.Object(
  {
    version: VersionField,
    /** Moves the contact to another customer (both must be visible to the caller). */
    customerId: Type.Optional(Uuid),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ...profile,
  },
  { additionalProperties: false },
);
export type ContactPatch = Static<typeof ContactPatch>;

export const ContactOut = Type.Object({
  ...RecordMeta,
  customerId: Uuid,
  customerName: Type.String(),
  name: Type.String(),
  title: Nullable(Type.String()),
  phones: Type.Array(Type.String()),
  emails: Type.Array(Type.String()),
  wechatId: Nullable(Type.String()),
  decisionRole: Nullable(DecisionRole),
  birthday: Nullable(Type.String()),
  birthdayLunar: Type.Boolean(),
  hobbies: Nullable(Type.String()),
  familyNotes: Nullable(Type.String()),
  isKeyPerson: Type.Boolean(),
  notes: Nullable(Type.String()),
  customFields: Type.Record(Type.String(), Type.Unknown()),
  highlight: Type.Optional(Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }))),
});
export type ContactOut = Static<typeof ContactOut>;

export const ContactListQuery = Type.Object(
  {
    ...ListQueryBase,
    customerId: Type.Optional(Uuid),
    decisionRole: Type.Optional(DecisionRole),
    isKeyPerson: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, patternProperties: { [CF_PARAM]: Type.String({ maxLength: 200 }) } },
);
/** The declared parameters, plus any `cf.*` filters (read as a record). */
export type ContactListQuery = Static<typeof ContactListQuery> & { [cf: `cf.${string}`]: string };

export const CustomerContactsQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    q: ListQueryBase.q,
  },
  { additionalProperties: false },
);

export const CONTACT_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
export const CONTACT_COLUMNS = [
  'name',
  'customerName',
  'title',
  'phones',
  'emails',
  'wechatId',
  'decisionRole',
  'birthday',
  'isKeyPerson',
  'updatedAt',
] as const;

/** What a saved view of the contacts list may hold (see views/view-config.ts). */
export const CONTACT_LIST_SHAPE = {
  params: ContactListQuery.properties as unknown as Record<
    string,
    { enum?: unknown[]; type?: string; maxLength?: number; pattern?: string }
  >,
  sorts: CONTACT_SORTS,
  columns: CONTACT_COLUMNS,
};

export const RevealBody = Type.Object(
  { field: Type.Enum(['phones', 'emails']) },
  { additionalProperties: false },
);
export const RevealOut = Type.Object({ value: Type.Array(Type.String()) });
