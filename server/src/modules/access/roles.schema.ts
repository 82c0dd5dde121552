import { Type, type Static } from 'typebox';
import { ListQueryBase, Nullable, RecordMeta, VersionField } from '../../lib/schemas.ts';
import { ACTIONS, DATA_SCOPES } from './permissions.ts';

const Action = Type.Enum(ACTIONS);
const DataScope = Type.Enum(DATA_SCOPES);
const RoleKey = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,40}$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Description = Nullable(Type.String({ maxLength: 500 }));
/** `{ [entity]: [action] }`; entities and actions outside the catalog are dropped. */
const Permissions = Type.Record(
  Type.String({ maxLength: 50 }),
  Type.Array(Action, { maxItems: ACTIONS.length * 2 }),
);
/** `{ "users.phone": "mask" | "hide" }`; keys are checked against the catalog's maskable fields. */
const FieldRules = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 10 }));

export const RoleOut = Type.Object({
  ...RecordMeta,
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  permissions: Type.Record(Type.String(), Type.Array(Type.String())),
  dataScope: Type.String(),
  fieldRules: Type.Record(Type.String(), Type.String()),
  isPortal: Type.Boolean(),
  builtin: Type.Boolean(),
});
export type RoleOut = Static<typeof RoleOut>;

export const RoleCreate = Type.Object(
  {
    key: RoleKey,
    name: Name,
    description: Type.Optional(Description),
    permissions: Type.Optional(Permissions),
    dataScope: Type.Optional(DataScope),
    fieldRules: Type.Optional(FieldRules),
    isPortal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RoleCreate = Static<typeof RoleCreate>;

export const RolePatch = Type.Object(
  {
    version: VersionField,
    key: Type.Optional(RoleKey),
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    permissions: Type.Optional(Permissions),
    dataScope: Type.Optional(DataScope),
    fieldRules: Type.Optional(FieldRules),
    isPortal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RolePatch = Static<typeof RolePatch>;

export const RoleListQuery = Type.Object({ ...ListQueryBase }, { additionalProperties: false });
export type RoleListQuery = Static<typeof RoleListQuery>;

export const ROLE_SORTS = ['key', 'name', 'createdAt', 'updatedAt'] as const;

export const CatalogOut = Type.Object({
  entities: Type.Array(
    Type.Object({
      key: Type.String(),
      actions: Type.Array(Type.String()),
      fields: Type.Array(Type.String()),
    }),
  ),
  dataScopes: Type.Array(Type.String()),
});
