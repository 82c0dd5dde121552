import { Type, type Static, type TSchema } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';
import { StageOut } from './pipelines.schema.ts';

const Opt = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));
const Ymd = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** A decimal string, never a float. */
export const Amount = Type.String({ pattern: '^\\d{1,16}(\\.\\d{1,2})?$' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Status = Type.Enum(['open', 'won', 'lost']);
const Key = Type.String({ minLength: 1, maxLength: 100 });

const profile = {
  contactId: Opt(Uuid),
  amount: Type.Optional(Amount),
  currency: Type.Optional(Currency),
  probability: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  expectedCloseDate: Opt(Ymd),
  productInterest: Type.Optional(Type.Array(Key, { maxItems: 30 })),
  channel: Opt(Key),
  campaign: Opt(Type.String({ maxLength: 200 })),
  ownerId: Type.Optional(Uuid),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 50 })),
};

export const OpportunityCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    customerId: Uuid,
    /** Default: the organisation's default pipeline. */
    pipelineId: Type.Optional(Uuid),
    /** Default: the pipeline's first active open stage. */
    stageId: Type.Optional(Uuid),
    lostReason: Opt(Key),
    lostNote: Opt(Type.String({ maxLength: 2000 })),
    ...profile,
  },
  { additionalProperties: false },
);
export type OpportunityCreate = Static<typeof OpportunityCreate>;

/** Stage moves go through POST /opportunities/:id/stage, never a patch. */
export const OpportunityPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    customerId: Type.Optional(Uuid),
    lostReason: Opt(Key),
    lostNote: Opt(Type.String({ maxLength: 2000 })),
    ...profile,
  },
  { additionalProperties: false },
);
export type OpportunityPatch = Static<typeof OpportunityPatch>;

export const OpportunityOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  customerId: Uuid,
  customerName: Nullable(Type.String()),
  contactId: Nullable(Uuid),
  contactName: Nullable(Type.String()),
  leadId: Nullable(Uuid),
  pipelineId: Uuid,
  stageId: Uuid,
  stageKey: Nullable(Type.String()),
  stageName: Nullable(Type.String()),
  status: Status,
  amount: Type.String(),
  currency: Type.String(),
  probability: Type.Integer(),
  expectedCloseDate: Nullable(Type.String()),
  productInterest: Type.Array(Type.String()),
  channel: Nullable(Type.String()),
  campaign: Nullable(Type.String()),
  ownerId: Uuid,
  ownerName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  lostReason: Nullable(Type.String()),
  lostNote: Nullable(Type.String()),
  closedAt: Nullable(DateTime),
  stageEnteredAt: DateTime,
  tags: Type.Array(Type.String()),
});
export type OpportunityOut = Static<typeof OpportunityOut>;

export const OPPORTUNITY_SORTS = ['updatedAt', 'createdAt', 'amount', 'expectedCloseDate', 'name'] as const;
export const OPPORTUNITY_COLUMNS = [
  'name',
  'customerName',
  'stageName',
  'status',
  'amount',
  'probability',
  'expectedCloseDate',
  'ownerName',
  'channel',
  'campaign',
  'updatedAt',
] as const;

export const OpportunityListQuery = Type.Object(
  {
    ...ListQueryBase,
    pipelineId: Type.Optional(Uuid),
    stageId: Type.Optional(Uuid),
    status: Type.Optional(Status),
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    customerId: Type.Optional(Uuid),
    channel: Type.Optional(Type.String({ maxLength: 100 })),
    campaign: Type.Optional(Type.String({ maxLength: 200 })),
    expectedCloseFrom: Type.Optional(Ymd),
    expectedCloseTo: Type.Optional(Ymd),
    /** Won/lost: only those closed since this time (the board's column bound). */
    closedSince: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type OpportunityListQuery = Static<typeof OpportunityListQuery>;

/** What a saved view of the opportunities list may hold (see views/view-config.ts). */
export const OPPORTUNITY_LIST_SHAPE = {
  params: OpportunityListQuery.properties as unknown as Record<
    string,
    { enum?: unknown[]; type?: string; maxLength?: number; pattern?: string }
  >,
  sorts: OPPORTUNITY_SORTS,
  columns: OPPORTUNITY_COLUMNS,
};

export const StageChangeBody = Type.Object(
  {
    stageId: Uuid,
    version: VersionField,
    lostReason: Opt(Key),
    lostNote: Opt(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type StageChangeBody = Static<typeof StageChangeBody>;

export const StageChangeOut = Type.Object({
  id: Uuid,
  fromStageId: Nullable(Uuid),
  fromStageName: Nullable(Type.String()),
  fromStageKey: Nullable(Type.String()),
  toStageId: Uuid,
  toStageName: Nullable(Type.String()),
  toStageKey: Nullable(Type.String()),
  at: DateTime,
  by: Nullable(Uuid),
  byName: Nullable(Type.String()),
  amount: Nullable(Type.String()),
  currency: Nullable(Type.String()),
});

export const BoardQuery = Type.Object(
  {
    pipelineId: Type.Optional(Uuid),
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    channel: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    /** Won and lost columns show those closed since then; default 90 days ago. */
    closedSince: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type BoardQuery = Static<typeof BoardQuery>;

export const BoardOut = Type.Object({
  pipeline: Type.Object({ id: Uuid, name: Type.String(), isDefault: Type.Boolean() }),
  closedSince: DateTime,
  columns: Type.Array(
    Type.Object({
      stage: StageOut,
      count: Type.Integer(),
      amounts: Type.Array(Type.Object({ amount: Type.String(), currency: Type.String() })),
      items: Type.Array(OpportunityOut),
      nextCursor: Nullable(Type.String()),
    }),
  ),
});
