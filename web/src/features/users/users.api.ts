import { api, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export type UserStatus = 'active' | 'disabled';

export interface User extends RecordMeta {
  name: string;
  email: string;
  phone: string | null;
  roleId: string | null;
  roleKey: string | null;
  roleName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  teamId: string | null;
  teamName: string | null;
  status: UserStatus;
  locale: string | null;
  lastLoginAt: string | null;
}

export interface UserFilters {
  q?: string;
  departmentId?: string;
  teamId?: string;
  roleId?: string;
  status?: UserStatus;
}

export interface CreateUserInput {
  name: string;
  email: string;
  password: string;
  role: string;
  phone?: string;
  departmentId?: string;
  teamId?: string;
  locale?: string;
}

export interface UpdateUserInput {
  version: number;
  name?: string;
  phone?: string | null;
  role?: string;
  departmentId?: string | null;
  teamId?: string | null;
  status?: UserStatus;
  locale?: string;
}

export const usersKey = ['users'] as const;

export function listUsers(filters: UserFilters & { cursor?: string | null; limit?: number; sort?: string }) {
  return api.get<ListPage<User>>('/users', { ...filters });
}

export function fetchUser(id: string) {
  return api.get<User>(`/users/${id}`);
}

export function createUser(input: CreateUserInput) {
  return api.post<User>('/users', input);
}

export function updateUser(id: string, input: UpdateUserInput) {
  return api.patch<User>(`/users/${id}`, input);
}

export function deleteUser(id: string) {
  return api.delete(`/users/${id}`);
}

export function revealUserPhone(id: string) {
  return api.post<{ value: string | null }>(`/users/${id}/reveal`, { field: 'phone' });
}

export function fetchUserHistory(id: string) {
  return api.get<{ items: HistoryEntry[] }>(`/users/${id}/history`);
}

/** The server masks phones it will not show in full ("138****1234"). */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.includes('*');
}
