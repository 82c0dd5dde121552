import { Type, type Static } from 'typebox';
import { Uuid } from '../../lib/schemas.ts';

export const BULK_ACTIONS = ['assign', 'transfer', 'addTags', 'removeTags', 'release'] as const;

export const BulkBody = Type.Object(
  {
    action: Type.Enum([...BULK_ACTIONS]),
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }),
    /** assign, transfer: the new owner. */
    ownerId: Type.Optional(Uuid),
    /** addTags, removeTags. */
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { minItems: 1, maxItems: 50 }),
    ),
    /** release: why the customers go back to the pool. */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type BulkBody = Static<typeof BulkBody>;

export const BulkOut = Type.Object({
  done: Type.Integer(),
  failed: Type.Array(Type.Object({ id: Uuid, code: Type.String(), message: Type.String() })),
});
