import { api, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export type CustomerKind = 'company' | 'person';
export type LifecycleStatus = 'prospect' | 'active' | 'dormant' | 'lost';
export type RelationshipLevel = 'transactional' | 'preferred' | 'partnership' | 'strategic';
export type Grade = 'A' | 'B' | 'C';
export type MatchKind = 'name' | 'creditCode' | 'phone' | 'email';

/** `{ amount: "1234.50", currency: "CNY" }`: the amount is a decimal string, never a float. */
export interface Money {
  amount: string;
  currency: string;
}

export interface KeyAccount {
  history: string | null;
  operatingModel: string | null;
  honours: string | null;
  achievements: string | null;
}

export interface HighlightSegment {
  text: string;
  match: boolean;
}

export interface Customer extends RecordMeta {
  kind: CustomerKind;
  name: string;
  shortName: string | null;
  code: string | null;
  phones: string[];
  emails: string[];
  creditCode: string | null;
  country: string | null;
  province: string | null;
  provinceName: string | null;
  city: string | null;
  cityName: string | null;
  district: string | null;
  districtName: string | null;
  address: string | null;
  website: string | null;
  industry: string | null;
  type: string | null;
  source: string | null;
  sourceDetail: string | null;
  mainProducts: string | null;
  lifecycleStatus: LifecycleStatus;
  relationshipLevel: RelationshipLevel | null;
  paymentTerms: string | null;
  creditLimit: Money | null;
  creditRating: string | null;
  grade: Grade | null;
  ownerId: string | null;
  ownerName: string | null;
  teamId: string | null;
  departmentId: string | null;
  ownerAssignedAt: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  keyAccount: KeyAccount;
  mergedIntoId: string | null;
  /** In search results: the name cut into matched and unmatched pieces. */
  highlight?: HighlightSegment[];
}

export interface CustomerFilters {
  q?: string;
  ownerId?: string;
  lifecycleStatus?: LifecycleStatus;
  grade?: Grade;
  province?: string;
  city?: string;
  type?: string;
  source?: string;
  tag?: string;
  kind?: CustomerKind;
  /** Custom-field filters: `cf.<key>`, and for numbers and dates `cf.<key>.gte` / `.lte`. */
  [cf: `cf.${string}`]: string | undefined;
}

/** The editable profile, as POST and PATCH take it. */
export interface CustomerProfileInput {
  kind?: CustomerKind;
  name?: string;
  shortName?: string | null;
  code?: string | null;
  phones?: string[];
  emails?: string[];
  creditCode?: string | null;
  country?: string | null;
  province?: string | null;
  city?: string | null;
  district?: string | null;
  address?: string | null;
  website?: string | null;
  industry?: string | null;
  type?: string | null;
  source?: string | null;
  sourceDetail?: string | null;
  mainProducts?: string | null;
  lifecycleStatus?: LifecycleStatus;
  relationshipLevel?: RelationshipLevel | null;
  paymentTerms?: string | null;
  creditLimit?: Money | null;
  creditRating?: string | null;
  grade?: Grade | null;
  ownerId?: string | null;
  tags?: string[];
  keyAccount?: Partial<KeyAccount>;
  /** Custom field values by key; in a patch, only the keys that change (null clears one). */
  customFields?: Record<string, unknown>;
  /** Managers may save a probable duplicate on purpose. */
  allowDuplicate?: boolean;
}

export type CreateCustomerInput = CustomerProfileInput & { kind: CustomerKind; name: string };
export type UpdateCustomerInput = CustomerProfileInput & { version: number };

export interface Duplicate {
  existingId: string;
  ownerId: string | null;
  ownerName: string | null;
  matchedOn: MatchKind[];
}

export interface DuplicateQuery {
  kind?: CustomerKind;
  name?: string;
  phones?: string[];
  emails?: string[];
  creditCode?: string;
  excludeId?: string;
}

export interface OwnerChange {
  at: string;
  fromOwnerId: string | null;
  fromOwnerName: string | null;
  toOwnerId: string | null;
  toOwnerName: string | null;
  changedBy: string | null;
  changedByName: string | null;
  reason: string;
}

export const customersKey = ['customers'] as const;

export function listCustomers(
  filters: CustomerFilters & { cursor?: string | null; limit?: number; sort?: string },
) {
  return api.get<ListPage<Customer>>('/customers', { ...filters });
}

export function fetchCustomer(id: string) {
  return api.get<Customer>(`/customers/${id}`);
}

export function createCustomer(input: CreateCustomerInput) {
  return api.post<Customer>('/customers', input);
}

export function updateCustomer(id: string, input: UpdateCustomerInput) {
  return api.patch<Customer>(`/customers/${id}`, input);
}

export function deleteCustomer(id: string) {
  return api.delete(`/customers/${id}`);
}

export function findDuplicates(query: DuplicateQuery, signal?: AbortSignal) {
  return api.get<{ items: Duplicate[] }>('/customers/duplicates', { ...query }, { signal });
}

export function fetchCustomerHistory(id: string) {
  return api.get<{ items: HistoryEntry[] }>(`/customers/${id}/history`);
}

export function fetchOwnerHistory(id: string) {
  return api.get<{ items: OwnerChange[] }>(`/customers/${id}/owners`);
}

export function mergeCustomer(id: string, body: { duplicateId: string; version: number }) {
  return api.post<Customer>(`/customers/${id}/merge`, body);
}

export function revealCustomerField(id: string, field: 'phones' | 'emails') {
  return api.post<{ value: string[] }>(`/customers/${id}/reveal`, { field });
}

export function transferCustomers(body: { fromOwnerId: string; toOwnerId: string; customerIds?: string[] }) {
  return api.post<{ transferred: number; customerIds: string[] }>('/customers/transfer', body);
}

/** The server masks values it will not show in full ("139****5678"). */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.includes('*');
}

export type BulkAction = 'assign' | 'transfer' | 'addTags' | 'removeTags' | 'release';

export interface BulkResult {
  done: number;
  failed: { id: string; code: string; message: string }[];
}

/** One action on up to 1000 customers; each is its own transaction, refusals come back in `failed`. */
export function bulkCustomers(body: {
  action: BulkAction;
  ids: string[];
  ownerId?: string;
  tags?: string[];
  reason?: string;
}) {
  return api.post<BulkResult>('/customers/bulk', body);
}
