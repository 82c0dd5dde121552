import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../lib/schemas.ts';

export const JobOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  status: Type.String(),
  progress: Type.Object({
    processed: Type.Number(),
    total: Nullable(Type.Number()),
    message: Nullable(Type.String()),
  }),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  error: Nullable(Type.String()),
  result: Type.Optional(Type.Unknown()),
  createdBy: Nullable(Uuid),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  runAt: DateTime,
});

export const JobQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    status: Type.Optional(
      Type.Union(['queued', 'running', 'done', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
    ),
    name: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type JobQuery = Static<typeof JobQuery>;
