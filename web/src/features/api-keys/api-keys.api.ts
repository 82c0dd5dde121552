import { api, type ListPage } from '../../api/client';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const apiKeysKey = ['api-keys'] as const;

export function listApiKeys() {
  return api.get<ListPage<ApiKey>>('/api-keys', { limit: 200 });
}

export function fetchScopes() {
  return api.get<{ scopes: string[] }>('/api-keys/scopes');
}

export function createApiKey(input: { name: string; scopes: string[] }) {
  return api.post<{ id: string; token: string }>('/api-keys', input);
}

export function revokeApiKey(id: string) {
  return api.delete(`/api-keys/${id}`);
}
