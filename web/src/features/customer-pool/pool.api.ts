import { api, type ListPage } from '../../api/client';
import type { Customer, Grade, LifecycleStatus } from '../customers/customers.api';

export interface PoolRule {
  grade?: Grade | null;
  status?: LifecycleStatus | null;
  noFollowUpDays: number;
  noDealDays?: number | null;
  warnDaysBefore: number;
}

export interface PoolSettings {
  enabled: boolean;
  rules: PoolRule[];
  /** Most customers one rep may own; null = no cap. */
  capPerRep: number | null;
  coolDownDays: number;
}

/** A pool customer; who had it last and when it came back, when the server says so. */
export type PoolCustomer = Customer & {
  lastOwnerName?: string | null;
  releasedAt?: string | null;
  reclaimedAt?: string | null;
};

export const poolKey = ['customer-pool'] as const;

export function fetchPoolSettings() {
  return api.get<PoolSettings>('/customer-pool/settings');
}

export function savePoolSettings(settings: PoolSettings) {
  return api.put<PoolSettings>('/customer-pool/settings', settings);
}

export function listPool(query: { q?: string; cursor?: string | null; limit?: number }) {
  return api.get<ListPage<PoolCustomer>>('/customer-pool', { ...query });
}

export function claimCustomer(id: string) {
  return api.post<Customer>(`/customers/${id}/claim`, {});
}

export function releaseCustomer(id: string, reason: string) {
  return api.post<Customer>(`/customers/${id}/release`, { reason });
}
