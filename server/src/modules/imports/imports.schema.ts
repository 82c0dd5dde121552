import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../lib/schemas.ts';

export const ImportModeSchema = Type.Enum(['create', 'upsert', 'skip-duplicates']);
const Encoding = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Delimiter = Type.Enum([',', ';', '\t', '|']);

export const ColumnMappingSchema = Type.Object(
  {
    column: Type.Integer({ minimum: 0, maximum: 10_000 }),
    header: Type.String({ maxLength: 500 }),
    field: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object(
  {
    encoding: Type.Optional(Nullable(Encoding)),
    delimiter: Type.Optional(Nullable(Delimiter)),
    mapping: Type.Optional(Type.Array(ColumnMappingSchema, { maxItems: 1000 })),
    mode: Type.Optional(ImportModeSchema),
    key: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);
export type PreviewBody = Static<typeof PreviewBody>;

export const StartBody = Type.Object(
  {
    uploadId: Uuid,
    mode: ImportModeSchema,
    key: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    mapping: Type.Optional(Type.Array(ColumnMappingSchema, { maxItems: 1000 })),
    encoding: Type.Optional(Nullable(Encoding)),
    delimiter: Type.Optional(Nullable(Delimiter)),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
    ownerId: Type.Optional(Nullable(Uuid)),
    /** Leads: channel and campaign for rows that name none (a fair's business cards). */
    defaults: Type.Optional(
      Type.Object(
        {
          channel: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
          campaign: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type StartBody = Static<typeof StartBody>;

const PreviewRow = Type.Object({
  rowNo: Type.Integer(),
  cells: Type.Array(Type.String()),
  values: Type.Record(Type.String(), Type.String()),
  outcome: Type.Enum(['created', 'updated', 'skipped', 'failed']),
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  duplicate: Nullable(
    Type.Object({
      existingId: Nullable(Type.String()),
      ownerName: Nullable(Type.String()),
      matchedOn: Type.Array(Type.String()),
    }),
  ),
});

export const UploadOut = Type.Object({
  uploadId: Uuid,
  entity: Type.String(),
  fileName: Type.String(),
  format: Type.Enum(['csv', 'xlsx', 'vcf']),
  encoding: Nullable(Type.String()),
  delimiter: Nullable(Type.String()),
  headers: Type.Array(Type.String()),
  total: Nullable(Type.Integer()),
  suggested: Type.Array(ColumnMappingSchema),
  mapping: Type.Array(ColumnMappingSchema),
  preview: Type.Array(PreviewRow),
});

const Counts = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  failed: Type.Integer(),
});

export const ImportOut = Type.Object({
  id: Uuid,
  entity: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  mode: ImportModeSchema,
  key: Nullable(Type.String()),
  status: Type.Enum(['queued', 'running', 'done', 'failed', 'undoing', 'undone']),
  progress: Type.Object({ processed: Type.Integer(), total: Nullable(Type.Integer()) }),
  counts: Counts,
  rowsPerSecond: Nullable(Type.Integer()),
  etaSeconds: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  undoConflicts: Nullable(Type.Array(Type.Object({ id: Type.String(), name: Type.String() }))),
  createdBy: Nullable(Uuid),
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
  undoneAt: Nullable(DateTime),
});

export const ImportListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    entity: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const EntitiesOut = Type.Object({
  items: Type.Array(
    Type.Object({
      entity: Type.String(),
      label: Type.String(),
      formats: Type.Array(Type.String()),
      keys: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
      fields: Type.Array(
        Type.Object({
          key: Type.String(),
          label: Type.String(),
          required: Type.Boolean(),
          type: Type.String(),
        }),
      ),
    }),
  ),
});

export const TemplateQuery = Type.Object(
  { entity: Type.String({ maxLength: 40 }), format: Type.Optional(Type.Enum(['csv', 'xlsx'])) },
  { additionalProperties: false },
);

export const ErrorsQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['csv', 'xlsx'])) },
  { additionalProperties: false },
);

export const MappingTemplateCreate = Type.Object(
  {
    entity: Type.String({ maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    mapping: Type.Array(
      Type.Object(
        { header: Type.String({ maxLength: 500 }), field: Nullable(Type.String({ maxLength: 100 })) },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const MappingTemplateOut = Type.Object({
  id: Uuid,
  entity: Type.String(),
  name: Type.String(),
  mapping: Type.Array(Type.Object({ header: Type.String(), field: Nullable(Type.String()) })),
  createdAt: DateTime,
});
