import { api, type ListPage } from '../../api/client';

export interface DeletedRecord {
  entity: string;
  id: string;
  label: string;
  deletedAt: string;
  deletedBy: string | null;
  deletedByName: string | null;
}

export const recycleBinKey = ['recycle-bin'] as const;

/** Entities that can be restored, with the API path of each. */
export const RESTORABLE: Record<string, string> = {
  users: 'users',
  departments: 'departments',
  teams: 'teams',
  roles: 'roles',
  customers: 'customers',
  contacts: 'contacts',
  interactions: 'interactions',
  tasks: 'tasks',
  leads: 'leads',
  opportunities: 'opportunities',
  orders: 'orders',
  quotes: 'quotes',
  products: 'products',
  partners: 'partners',
};

/** Accepts the plural or the singular name ("user" → "users"). */
export function entityPath(entity: string): string | undefined {
  return RESTORABLE[entity] ?? RESTORABLE[`${entity}s`];
}

export function listDeleted(filters: { entity?: string; cursor?: string | null; limit?: number }) {
  return api.get<ListPage<DeletedRecord>>('/recycle-bin', { ...filters });
}

export function restoreRecord(record: DeletedRecord) {
  const path = entityPath(record.entity);
  if (!path) throw new Error(`Unknown entity ${record.entity}`);
  return api.post<unknown>(`/${path}/${record.id}/restore`);
}
