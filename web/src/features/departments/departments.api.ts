import { api, type ListPage } from '../../api/client';
import type { RecordMeta } from '../../api/types';

export interface Department extends RecordMeta {
  name: string;
  parentId: string | null;
  path: string;
  managerId: string | null;
  managerName?: string | null;
  sortOrder: number;
}

export interface Team extends RecordMeta {
  name: string;
  departmentId: string | null;
  leaderId: string | null;
}

export const departmentsKey = ['departments'] as const;
export const teamsKey = ['teams'] as const;

export async function listDepartments(): Promise<Department[]> {
  // The API returns every department of the organisation; the tree is built here.
  const page = await api.get<ListPage<Department>>('/departments', { limit: 200 });
  return page.items;
}

export function createDepartment(input: {
  name: string;
  parentId?: string | null;
  managerId?: string | null;
}) {
  return api.post<Department>('/departments', input);
}

export function updateDepartment(
  id: string,
  input: { version: number; name?: string; parentId?: string | null; managerId?: string | null },
) {
  return api.patch<Department>(`/departments/${id}`, input);
}

export function deleteDepartment(id: string) {
  return api.delete(`/departments/${id}`);
}

export async function listTeams(departmentId?: string): Promise<Team[]> {
  const page = await api.get<ListPage<Team>>('/teams', { limit: 200, departmentId });
  return page.items;
}

export function createTeam(input: { name: string; departmentId: string | null; leaderId?: string | null }) {
  return api.post<Team>('/teams', input);
}

export function updateTeam(
  id: string,
  input: { version: number; name?: string; departmentId?: string | null; leaderId?: string | null },
) {
  return api.patch<Team>(`/teams/${id}`, input);
}

export function deleteTeam(id: string) {
  return api.delete(`/teams/${id}`);
}
