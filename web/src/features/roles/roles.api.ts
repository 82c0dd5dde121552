import { api, type ListPage } from '../../api/client';
import type { RecordMeta } from '../../api/types';
import type { DataScope } from '../../app/session';

export type FieldRule = 'mask' | 'hide';
export type Permissions = Record<string, string[]>;

export interface Role extends RecordMeta {
  key: string;
  name: string;
  description: string | null;
  permissions: Permissions;
  dataScope: DataScope;
  fieldRules: Record<string, FieldRule>;
  isPortal: boolean;
  builtin: boolean;
}

export interface CatalogEntity {
  key: string;
  actions: string[];
  fields: string[];
}

export interface PermissionCatalog {
  entities: CatalogEntity[];
  dataScopes: DataScope[];
}

export interface RoleInput {
  key?: string;
  name: string;
  description?: string | null;
  permissions: Permissions;
  dataScope: DataScope;
  fieldRules: Record<string, FieldRule>;
}

export const rolesKey = ['roles'] as const;
export const catalogKey = ['permissions', 'catalog'] as const;

export async function listRoles(): Promise<Role[]> {
  const page = await api.get<ListPage<Role>>('/roles', { limit: 200 });
  return page.items;
}

export function fetchCatalog() {
  return api.get<PermissionCatalog>('/permissions/catalog');
}

export function createRole(input: RoleInput & { key: string }) {
  return api.post<Role>('/roles', input);
}

export function updateRole(id: string, input: Omit<RoleInput, 'key'> & { version: number }) {
  return api.patch<Role>(`/roles/${id}`, input);
}

export function deleteRole(id: string) {
  return api.delete(`/roles/${id}`);
}
