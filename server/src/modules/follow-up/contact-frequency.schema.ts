import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../lib/schemas.ts';

/** Grade → days between contacts, e.g. { "A": 30, "B": 90, "C": 365 }. */
export const ContactTargetsSchema = Type.Object(
  {
    targets: Type.Record(
      Type.String({ pattern: '^[A-Za-z0-9]{1,10}$' }),
      Type.Integer({ minimum: 1, maximum: 3650 }),
      { maxProperties: 20 },
    ),
  },
  { additionalProperties: false },
);
export type ContactTargetsBody = Static<typeof ContactTargetsSchema>;

export const OverdueQuery = Type.Object(
  {
    ownerId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    grade: Type.Optional(Type.String({ maxLength: 10 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type OverdueQuery = Static<typeof OverdueQuery>;

export const OverdueOut = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      grade: Type.String(),
      ownerId: Uuid,
      ownerName: Nullable(Type.String()),
      teamId: Nullable(Uuid),
      teamName: Nullable(Type.String()),
      lastContactAt: Nullable(DateTime),
      createdAt: DateTime,
      targetDays: Type.Integer(),
      daysOverdue: Type.Integer(),
    }),
  ),
  total: Type.Integer(),
  nextCursor: Nullable(Type.String()),
  summary: Type.Object({
    byOwner: Type.Array(
      Type.Object({ ownerId: Uuid, ownerName: Nullable(Type.String()), count: Type.Integer() }),
    ),
    byTeam: Type.Array(
      Type.Object({ teamId: Nullable(Uuid), teamName: Nullable(Type.String()), count: Type.Integer() }),
    ),
  }),
});
