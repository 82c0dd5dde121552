import { Type, type Static } from 'typebox';
import { Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

export const VIEW_ENTITIES = ['customers', 'contacts', 'opportunities', 'leads', 'orders'] as const;
const Entity = Type.Enum([...VIEW_ENTITIES]);

const Config = Type.Object(
  {
    filters: Type.Record(
      Type.String({ maxLength: 60 }),
      Type.Union([
        Type.String({ maxLength: 200 }),
        Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 }),
      ]),
      { maxProperties: 50 },
    ),
    sort: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    columns: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
const Name = Type.String({ minLength: 1, maxLength: 100 });

export const SavedViewCreate = Type.Object(
  { entity: Entity, name: Name, shared: Type.Optional(Type.Boolean()), config: Config },
  { additionalProperties: false },
);
export type SavedViewCreate = Static<typeof SavedViewCreate>;

export const SavedViewPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Name),
    shared: Type.Optional(Type.Boolean()),
    config: Type.Optional(Config),
  },
  { additionalProperties: false },
);
export type SavedViewPatch = Static<typeof SavedViewPatch>;

export const SavedViewOut = Type.Object({
  ...RecordMeta,
  entity: Type.String(),
  name: Type.String(),
  ownerId: Uuid,
  ownerName: Nullable(Type.String()),
  shared: Type.Boolean(),
  /** The caller may rename, share or delete it. */
  editable: Type.Boolean(),
  config: Config,
});

export const SavedViewListQuery = Type.Object({ entity: Entity }, { additionalProperties: false });
