import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../lib/schemas.ts';

/** The entities whose deleted records the bin shows, each restorable at /api/v1/<entity>/:id/restore. */
export const BIN_ENTITIES = [
  'users',
  'departments',
  'teams',
  'roles',
  'customers',
  'contacts',
  'interactions',
  'tasks',
  'leads',
  'opportunities',
  'orders',
  'quotes',
  'products',
  'partners',
] as const;
export type BinEntity = (typeof BIN_ENTITIES)[number];

const BinEntitySchema = Type.Enum(BIN_ENTITIES);

export const RecycleBinQuery = Type.Object(
  {
    entity: Type.Optional(BinEntitySchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RecycleBinQuery = Static<typeof RecycleBinQuery>;

export const BinItem = Type.Object({
  entity: BinEntitySchema,
  id: Uuid,
  label: Type.String(),
  deletedAt: DateTime,
  deletedBy: Nullable(Uuid),
  deletedByName: Nullable(Type.String()),
});
