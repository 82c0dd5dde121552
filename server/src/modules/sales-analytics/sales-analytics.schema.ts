import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../lib/schemas.ts';

/** 2026-01-01 (a local day of the organisation) or an ISO date-time. */
const Instant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?$',
  maxLength: 40,
});
const Key = Type.String({ minLength: 1, maxLength: 200 });
const Format = Type.Optional(Type.Enum(['csv', 'xlsx']));

const period = {
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
};

export const FunnelQuery = Type.Object(
  {
    ...period,
    pipelineId: Type.Optional(Uuid),
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    channel: Type.Optional(Key),
    campaign: Type.Optional(Key),
  },
  { additionalProperties: false },
);
export type FunnelQuery = Static<typeof FunnelQuery>;
export const FunnelExportQuery = Type.Object(
  { ...FunnelQuery.properties, format: Format },
  { additionalProperties: false },
);

export const AcquisitionQuery = Type.Object(
  {
    ...period,
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    channel: Type.Optional(Key),
  },
  { additionalProperties: false },
);
export type AcquisitionQuery = Static<typeof AcquisitionQuery>;
export const AcquisitionExportQuery = Type.Object(
  { ...AcquisitionQuery.properties, format: Format },
  { additionalProperties: false },
);

const Money = Type.Object({ amount: Type.String(), currency: Type.String() });
const Rate = Nullable(Type.Number());
const Period = Type.Object({ from: Type.String(), to: Type.String() });

const Outcome = Type.Object({ count: Type.Integer(), amount: Money, otherAmounts: Type.Array(Money) });

export const FunnelOut = Type.Object({
  period: Period,
  pipeline: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  currency: Type.String(),
  total: Type.Integer(),
  stages: Type.Array(
    Type.Object({
      stageId: Uuid,
      key: Nullable(Type.String()),
      name: Type.String(),
      position: Type.Integer(),
      reached: Type.Integer(),
      amount: Money,
      otherAmounts: Type.Array(Money),
      nextStageId: Nullable(Uuid),
      conversionRate: Rate,
      avgDaysInStage: Nullable(Type.Number()),
      leftEntries: Type.Integer(),
    }),
  ),
  open: Outcome,
  won: Outcome,
  lost: Outcome,
  winRate: Rate,
  salesCycleDays: Nullable(Type.Number()),
  lostReasons: Type.Array(Type.Object({ reason: Type.String(), count: Type.Integer() })),
});

const Source = Type.Object({
  channel: Type.String(),
  campaign: Nullable(Type.String()),
  leads: Type.Integer(),
  converted: Type.Integer(),
  conversionRate: Rate,
  opportunities: Type.Integer(),
  won: Type.Integer(),
  winRate: Rate,
  wonAmount: Money,
  otherWonAmounts: Type.Array(Money),
});

export const AcquisitionOut = Type.Object({
  period: Period,
  currency: Type.String(),
  leads: Type.Object({ created: Type.Integer(), converted: Type.Integer(), successRate: Rate }),
  channels: Type.Array(Source),
  campaigns: Type.Array(Source),
  newCustomers: Type.Array(Type.Object({ month: Type.String(), count: Type.Integer(), growthRate: Rate })),
  buyers: Type.Null(),
  buyersNote: Type.String(),
});
