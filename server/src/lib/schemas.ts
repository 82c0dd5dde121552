import { Type, type TSchema } from 'typebox';

/** Shared TypeBox pieces for request and response schemas. */
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
// Dates leave handlers as Date objects; the serializer writes them as ISO strings.
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const RecordMeta = {
  id: Uuid,
  version: Type.Integer(),
  createdAt: DateTime,
  createdBy: Nullable(Uuid),
  updatedAt: DateTime,
  updatedBy: Nullable(Uuid),
};

export const ListQueryBase = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  sort: Type.Optional(Type.String({ maxLength: 60 })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
};

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    /** true when counting stopped at a cap (searches): `total` is then a lower bound. */
    totalCapped: Type.Optional(Type.Boolean()),
    nextCursor: Nullable(Type.String()),
  });

export const FieldChangeSchema = Type.Object({
  field: Type.String(),
  old: Type.Unknown(),
  new: Type.Unknown(),
});

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      at: DateTime,
      by: Nullable(Uuid),
      byName: Nullable(Type.String()),
      action: Type.String(),
      changes: Type.Array(FieldChangeSchema),
    }),
  ),
});

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

/** Standard error responses, so every route documents them in OpenAPI. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

export const VersionField = Type.Integer({ minimum: 1 });
