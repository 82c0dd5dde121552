import { api } from '../../api/client';
import type { RecordMeta } from '../../api/types';

export interface SavedViewConfig {
  filters: Record<string, string | string[]>;
  sort?: string | null;
  columns?: string[];
}

export interface SavedView extends RecordMeta {
  entity: string;
  name: string;
  ownerId: string;
  ownerName: string | null;
  shared: boolean;
  /** The caller may rename, share or delete it. */
  editable: boolean;
  config: SavedViewConfig;
}

export const savedViewsKey = ['saved-views'] as const;

export function listSavedViews(entity: string) {
  return api.get<{ items: SavedView[] }>('/saved-views', { entity });
}
export function createSavedView(body: {
  entity: string;
  name: string;
  shared?: boolean;
  config: SavedViewConfig;
}) {
  return api.post<SavedView>('/saved-views', body);
}
export function updateSavedView(
  id: string,
  body: { version: number; name?: string; shared?: boolean; config?: SavedViewConfig },
) {
  return api.patch<SavedView>(`/saved-views/${id}`, body);
}
export function deleteSavedView(id: string) {
  return api.delete(`/saved-views/${id}`);
}
