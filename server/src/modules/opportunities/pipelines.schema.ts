import { Type, type Static } from 'typebox';
import { Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

export const StageKindSchema = Type.Enum(['open', 'won', 'lost']);
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Probability = Type.Integer({ minimum: 0, maximum: 100 });

export const StageOut = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  pipelineId: Uuid,
  /** Built-in stages: targetMarket, potentialCustomer, needsAnalysis, proposal, won, lost. */
  key: Nullable(Type.String()),
  /** Stored name (Chinese for built-in stages). */
  name: Type.String(),
  /** false while a built-in stage keeps its built-in name: show the translation of `key`. */
  renamed: Type.Boolean(),
  kind: StageKindSchema,
  position: Type.Integer(),
  probability: Type.Integer(),
  active: Type.Boolean(),
});
export type StageOut = Static<typeof StageOut>;

export const PipelineOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  isDefault: Type.Boolean(),
  position: Type.Integer(),
  active: Type.Boolean(),
  stages: Type.Array(StageOut),
});
export type PipelineOut = Static<typeof PipelineOut>;

export const PipelineCreate = Type.Object(
  {
    name: Name,
    isDefault: Type.Optional(Type.Boolean()),
    /** The open stages in order; won and lost are added at the end. */
    stages: Type.Array(
      Type.Object({ name: Name, probability: Type.Optional(Probability) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type PipelineCreate = Static<typeof PipelineCreate>;

export const PipelinePatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Name),
    /** Only true: another pipeline becomes the default by being made it. */
    isDefault: Type.Optional(Type.Literal(true)),
    active: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type PipelinePatch = Static<typeof PipelinePatch>;

export const StageCreate = Type.Object(
  { name: Name, probability: Type.Optional(Probability) },
  { additionalProperties: false },
);
export type StageCreate = Static<typeof StageCreate>;

export const StagePatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Name),
    probability: Type.Optional(Probability),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StagePatch = Static<typeof StagePatch>;

export const StageReorder = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);

export const StageParams = Type.Object({ id: Uuid, stageId: Uuid }, { additionalProperties: false });
