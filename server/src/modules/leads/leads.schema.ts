import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';
import { MAN_ACTIONS } from './man.ts';

const Text = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'disqualified', 'converted'] as const;
const MAN_ANSWERS = ['yes', 'no', 'unknown'] as const;

export const LeadStatusSchema = Type.Enum([...LEAD_STATUSES]);
export const ManAnswerSchema = Type.Enum([...MAN_ANSWERS]);

/** Editable profile fields, shared by create, patch, the web form and the connector API. */
export const LEAD_PROFILE = {
  name: Opt(Text(100)),
  company: Opt(Text(200)),
  title: Opt(Text(100)),
  phones: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
  emails: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 254 }), { maxItems: 20 })),
  wechat: Opt(Text(100)),
  country: Opt(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  province: Opt(Text(50)),
  city: Opt(Text(50)),
  address: Opt(Text(300)),
  website: Opt(Text(200)),
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  campaign: Opt(Text(200)),
  productInterest: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 })),
  language: Opt(Type.String({ pattern: '^[A-Za-z]{2,3}$' })),
  notes: Opt(Text(5000)),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
  customFields: Type.Optional(
    Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 100 }),
  ),
};

export const LeadCreate = Type.Object(
  {
    ...LEAD_PROFILE,
    /** An explicit owner keeps it ('manual'); without one a sales rep gets their own lead, others go through the rules. */
    ownerId: Opt(Uuid),
  },
  { additionalProperties: false },
);
export type LeadCreate = Static<typeof LeadCreate>;

export const LeadPatch = Type.Object(
  {
    version: VersionField,
    ...LEAD_PROFILE,
    /** converted only comes from POST /leads/:id/convert. */
    status: Type.Optional(LeadStatusSchema),
    disqualifyReason: Opt(Text(100)),
  },
  { additionalProperties: false },
);
export type LeadPatch = Static<typeof LeadPatch>;

export const QualifyBody = Type.Object(
  { money: ManAnswerSchema, authority: ManAnswerSchema, need: ManAnswerSchema, version: VersionField },
  { additionalProperties: false },
);
export type QualifyBody = Static<typeof QualifyBody>;

const Ts = Nullable(DateTime);

export const LeadOut = Type.Object({
  ...RecordMeta,
  name: Nullable(Type.String()),
  company: Nullable(Type.String()),
  title: Nullable(Type.String()),
  phones: Type.Array(Type.String()),
  emails: Type.Array(Type.String()),
  wechat: Nullable(Type.String()),
  country: Nullable(Type.String()),
  province: Nullable(Type.String()),
  city: Nullable(Type.String()),
  provinceName: Nullable(Type.String()),
  cityName: Nullable(Type.String()),
  address: Nullable(Type.String()),
  website: Nullable(Type.String()),
  channel: Type.String(),
  campaign: Nullable(Type.String()),
  productInterest: Type.Array(Type.String()),
  language: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  status: LeadStatusSchema,
  disqualifyReason: Nullable(Type.String()),
  ownerId: Nullable(Uuid),
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  assignedAt: Ts,
  assignmentReason: Nullable(Type.String()),
  assignmentRuleId: Nullable(Uuid),
  firstContactDueAt: Ts,
  firstContactedAt: Ts,
  escalatedAt: Ts,
  sleeping: Type.Boolean(),
  manMoney: ManAnswerSchema,
  manAuthority: ManAnswerSchema,
  manNeed: ManAnswerSchema,
  nextAction: Type.Enum([...MAN_ACTIONS]),
  qualifiedAt: Ts,
  qualifiedBy: Nullable(Uuid),
  matchedCustomerId: Nullable(Uuid),
  matchedCustomerName: Nullable(Type.String()),
  matchedOn: Type.Array(Type.String()),
  convertedAt: Ts,
  convertedBy: Nullable(Uuid),
  convertedCustomerId: Nullable(Uuid),
  convertedContactId: Nullable(Uuid),
  convertedOpportunityId: Nullable(Uuid),
  formId: Nullable(Uuid),
  externalSource: Nullable(Type.String()),
  externalId: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  customFields: Type.Record(Type.String(), Type.Unknown()),
  highlight: Type.Optional(Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }))),
});
export type LeadOut = Static<typeof LeadOut>;

const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const LeadListQuery = Type.Object(
  {
    ...ListQueryBase,
    status: Type.Optional(LeadStatusSchema),
    channel: Type.Optional(Text(100)),
    campaign: Type.Optional(Text(200)),
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    language: Type.Optional(Text(10)),
    productLine: Type.Optional(Text(100)),
    tag: Type.Optional(Text(50)),
    sleeping: Type.Optional(Type.Boolean()),
    unassigned: Type.Optional(Type.Boolean()),
    createdFrom: Type.Optional(Ymd),
    createdTo: Type.Optional(Ymd),
  },
  { additionalProperties: false },
);
export type LeadListQuery = Static<typeof LeadListQuery>;

export const LEAD_SORTS = ['createdAt', 'updatedAt', 'name', 'company', 'firstContactDueAt'] as const;
export const LEAD_COLUMNS = [
  'name',
  'company',
  'phones',
  'emails',
  'country',
  'channel',
  'campaign',
  'status',
  'ownerName',
  'firstContactDueAt',
  'createdAt',
  'updatedAt',
] as const;

/** What a saved view of the leads list may hold (see views/view-config.ts). */
export const LEAD_LIST_SHAPE = {
  params: LeadListQuery.properties as unknown as Record<
    string,
    { enum?: unknown[]; type?: string; maxLength?: number; pattern?: string }
  >,
  sorts: LEAD_SORTS,
  columns: LEAD_COLUMNS,
};

/** The connector API: a platform's inquiries, idempotent by (source, externalId). */
export const IntakeBody = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9_.-]+$' }),
    leads: Type.Array(
      Type.Object(
        { externalId: Type.String({ minLength: 1, maxLength: 200 }), ...LEAD_PROFILE },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type IntakeBody = Static<typeof IntakeBody>;

export const IntakeOut = Type.Object({
  created: Type.Array(Uuid),
  existing: Type.Array(Uuid),
  failed: Type.Array(
    Type.Object({
      index: Type.Integer(),
      errors: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
    }),
  ),
});
