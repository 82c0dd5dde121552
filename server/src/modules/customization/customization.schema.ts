import { Type, type Static } from 'typebox';
import { RecordMeta, VersionField } from '../../lib/schemas.ts';
import { CUSTOM_FIELD_ENTITIES } from './custom-field-rules.ts';
import { DICTIONARIES } from './dictionary-defaults.ts';

const Label = Type.Object(
  {
    'zh-CN': Type.String({ minLength: 1, maxLength: 100 }),
    en: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
const Key = Type.String({ pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' });
const FieldType = Type.Enum(['text', 'number', 'date', 'choice', 'multiChoice']);
const Entity = Type.Enum([...CUSTOM_FIELD_ENTITIES]);
const Option = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 60 }), label: Label },
  { additionalProperties: false },
);
const Options = Type.Array(Option, { maxItems: 200 });

export const CustomFieldCreate = Type.Object(
  {
    entity: Entity,
    key: Key,
    label: Label,
    type: FieldType,
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Options),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export type CustomFieldCreate = Static<typeof CustomFieldCreate>;

/** The key, entity and type are fixed once values may exist. */
export const CustomFieldPatch = Type.Object(
  {
    version: VersionField,
    label: Type.Optional(Label),
    required: Type.Optional(Type.Boolean()),
    options: Type.Optional(Options),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export type CustomFieldPatch = Static<typeof CustomFieldPatch>;

export const CustomFieldOut = Type.Object({
  ...RecordMeta,
  entity: Type.String(),
  key: Type.String(),
  label: Label,
  type: FieldType,
  required: Type.Boolean(),
  options: Type.Array(Option),
  position: Type.Integer(),
});

export const CustomFieldListQuery = Type.Object(
  { entity: Type.Optional(Entity) },
  { additionalProperties: false },
);

export const DictionaryParams = Type.Object(
  { dictionary: Type.Enum([...DICTIONARIES]) },
  { additionalProperties: false },
);
export const DictionaryItemParams = Type.Object(
  { dictionary: Type.Enum([...DICTIONARIES]), id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const DictionaryItemCreate = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100 }),
    label: Label,
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DictionaryItemCreate = Static<typeof DictionaryItemCreate>;

export const DictionaryItemPatch = Type.Object(
  {
    version: VersionField,
    label: Type.Optional(Label),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DictionaryItemPatch = Static<typeof DictionaryItemPatch>;

export const DictionaryItemOut = Type.Object({
  ...RecordMeta,
  dictionary: Type.String(),
  key: Type.String(),
  label: Label,
  position: Type.Integer(),
  active: Type.Boolean(),
});

export const DictionaryListOut = Type.Object({
  items: Type.Array(Type.Object({ dictionary: Type.String(), items: Type.Array(DictionaryItemOut) })),
});
