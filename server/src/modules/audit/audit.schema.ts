import { Type, type Static } from 'typebox';
import { DateTime, FieldChangeSchema, Nullable, Uuid } from '../../lib/schemas.ts';

export const AuditOut = Type.Object({
  id: Uuid,
  at: DateTime,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  actorKind: Type.String(),
  apiKeyId: Nullable(Uuid),
  ip: Nullable(Type.String()),
  entity: Type.String(),
  entityId: Nullable(Uuid),
  action: Type.String(),
  changes: Type.Array(FieldChangeSchema),
});

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Uuid),
    actorId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ maxLength: 50 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
