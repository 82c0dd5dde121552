import { Type, type Static } from 'typebox';
import { ListQueryBase, Nullable, RecordMeta, Uuid, VersionField, DateTime } from '../../lib/schemas.ts';

const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
const Phone = Type.String({ minLength: 3, maxLength: 30, pattern: '^[+0-9][0-9 ()-]*$' });

export const UserOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  roleId: Uuid,
  roleKey: Type.String(),
  roleName: Type.String(),
  departmentId: Nullable(Uuid),
  departmentName: Nullable(Type.String()),
  teamId: Nullable(Uuid),
  teamName: Nullable(Type.String()),
  customerId: Nullable(Uuid),
  locale: Type.String(),
  status: Status,
  lastLoginAt: Nullable(DateTime),
});
export type UserOut = Static<typeof UserOut>;

export const UserCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.String({ format: 'email', maxLength: 200 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.Optional(Phone),
    departmentId: Type.Optional(Nullable(Uuid)),
    teamId: Type.Optional(Nullable(Uuid)),
    customerId: Type.Optional(Nullable(Uuid)),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Nullable(Phone)),
    role: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    departmentId: Type.Optional(Nullable(Uuid)),
    teamId: Type.Optional(Nullable(Uuid)),
    customerId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(Status),
    locale: Type.Optional(Locale),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type UserPatch = Static<typeof UserPatch>;

export const UserListQuery = Type.Object(
  {
    ...ListQueryBase,
    departmentId: Type.Optional(Uuid),
    teamId: Type.Optional(Uuid),
    roleId: Type.Optional(Uuid),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const USER_SORTS = ['name', 'email', 'createdAt', 'updatedAt', 'lastLoginAt'] as const;

export const RevealBody = Type.Object(
  { field: Type.Union([Type.Literal('phone'), Type.Literal('email')]) },
  { additionalProperties: false },
);
