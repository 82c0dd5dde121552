import { Type, type Static } from 'typebox';
import { Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const SortOrder = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });

export const DepartmentOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  parentId: Nullable(Uuid),
  path: Type.String(),
  managerId: Nullable(Uuid),
  managerName: Nullable(Type.String()),
  sortOrder: Type.Integer(),
});
export type DepartmentOut = Static<typeof DepartmentOut>;

export const DepartmentCreate = Type.Object(
  {
    name: Name,
    parentId: Type.Optional(Nullable(Uuid)),
    managerId: Type.Optional(Nullable(Uuid)),
    sortOrder: Type.Optional(SortOrder),
  },
  { additionalProperties: false },
);
export type DepartmentCreate = Static<typeof DepartmentCreate>;

export const DepartmentPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Name),
    parentId: Type.Optional(Nullable(Uuid)),
    managerId: Type.Optional(Nullable(Uuid)),
    sortOrder: Type.Optional(SortOrder),
  },
  { additionalProperties: false },
);
export type DepartmentPatch = Static<typeof DepartmentPatch>;

// Departments always come as one complete page (the client builds the tree), so
// there is no cursor or sort; `limit` is accepted for clients that send it everywhere.
export const DepartmentListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DepartmentListQuery = Static<typeof DepartmentListQuery>;

export const TeamOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  departmentId: Nullable(Uuid),
  departmentName: Nullable(Type.String()),
  leaderId: Nullable(Uuid),
  leaderName: Nullable(Type.String()),
});
export type TeamOut = Static<typeof TeamOut>;

export const TeamCreate = Type.Object(
  {
    name: Name,
    departmentId: Type.Optional(Nullable(Uuid)),
    leaderId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type TeamCreate = Static<typeof TeamCreate>;

export const TeamPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Name),
    departmentId: Type.Optional(Nullable(Uuid)),
    leaderId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type TeamPatch = Static<typeof TeamPatch>;

export const TeamListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    sort: Type.Optional(Type.String({ maxLength: 60 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    departmentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TeamListQuery = Static<typeof TeamListQuery>;

export const TEAM_SORTS = ['name', 'createdAt', 'updatedAt'] as const;
