// Pure: what to send for a user form — the create body, or only the changed fields on edit.
import type { CreateUserInput, UpdateUserInput, User, UserStatus } from './users.api';

export interface UserFormValues {
  name: string;
  email: string;
  phone?: string | null;
  password?: string;
  role: string;
  departmentId?: string | null;
  teamId?: string | null;
  status?: UserStatus;
  locale?: string | null;
}

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = typeof value === 'string' ? value.trim() : value;
  return trimmed ? trimmed : null;
};

export function toCreateBody(values: UserFormValues): CreateUserInput {
  const body: CreateUserInput = {
    name: values.name.trim(),
    email: values.email.trim(),
    password: values.password ?? '',
    role: values.role,
  };
  const phone = blankToNull(values.phone);
  if (phone) body.phone = phone;
  if (values.departmentId) body.departmentId = values.departmentId;
  if (values.teamId) body.teamId = values.teamId;
  if (values.locale) body.locale = values.locale;
  return body;
}

/**
 * Only changed fields go into the PATCH: a masked phone ("138****1234") that was not touched
 * must never be written back over the real number.
 */
export function toUpdateBody(user: User, values: UserFormValues): UpdateUserInput {
  const body: UpdateUserInput = { version: user.version };
  const name = values.name.trim();
  if (name !== user.name) body.name = name;
  const phone = blankToNull(values.phone);
  if (phone !== blankToNull(user.phone)) body.phone = phone;
  if (values.role && values.role !== user.roleKey) body.role = values.role;
  const departmentId = values.departmentId ?? null;
  if (departmentId !== (user.departmentId ?? null)) body.departmentId = departmentId;
  const teamId = values.teamId ?? null;
  if (teamId !== (user.teamId ?? null)) body.teamId = teamId;
  if (values.status && values.status !== user.status) body.status = values.status;
  if (values.locale && values.locale !== user.locale) body.locale = values.locale;
  return body;
}
