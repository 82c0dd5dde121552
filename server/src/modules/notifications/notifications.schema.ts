import { Type, type Static } from 'typebox';
import { DateTime, ListQueryBase, Nullable, Uuid } from '../../lib/schemas.ts';

export const NotificationOut = Type.Object({
  id: Uuid,
  kind: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
  link: Nullable(Type.String()),
  readAt: Nullable(DateTime),
  createdAt: DateTime,
});

export const NotificationListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    unread: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const UnreadCountOut = Type.Object({ count: Type.Integer() });
export const ReadAllOut = Type.Object({ updated: Type.Integer() });
