import { Type, type Static } from 'typebox';
import { ListQueryBase, Nullable } from '../../lib/schemas.ts';
import { Grade, Kind, LifecycleStatus } from './customers.schema.ts';

const Days = (minimum: number) => Type.Integer({ minimum, maximum: 3650 });

export const PoolRuleSchema = Type.Object(
  {
    grade: Type.Optional(Nullable(Grade)),
    status: Type.Optional(Nullable(LifecycleStatus)),
    noFollowUpDays: Days(1),
    noDealDays: Type.Optional(Nullable(Days(1))),
    warnDaysBefore: Type.Integer({ minimum: 0, maximum: 365 }),
  },
  { additionalProperties: false },
);

export const PoolSettingsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    rules: Type.Array(PoolRuleSchema, { maxItems: 50 }),
    /** Most customers one rep may own; null = no cap. */
    capPerRep: Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    /** Days before a rep may take back a customer they released (or lost to a reclaim). */
    coolDownDays: Type.Integer({ minimum: 0, maximum: 365 }),
  },
  { additionalProperties: false },
);
export type PoolSettings = Static<typeof PoolSettingsSchema>;

export const PoolListQuery = Type.Object(
  {
    ...ListQueryBase,
    lifecycleStatus: Type.Optional(LifecycleStatus),
    grade: Type.Optional(Grade),
    province: Type.Optional(Type.String({ maxLength: 50 })),
    city: Type.Optional(Type.String({ maxLength: 50 })),
    tag: Type.Optional(Type.String({ maxLength: 30 })),
    kind: Type.Optional(Kind),
  },
  { additionalProperties: false },
);
export type PoolListQuery = Static<typeof PoolListQuery>;

export const ReleaseBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
