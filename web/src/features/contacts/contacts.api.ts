import { api, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export type DecisionRole = 'decision_maker' | 'influencer' | 'user' | 'other';
export const DECISION_ROLES: DecisionRole[] = ['decision_maker', 'influencer', 'user', 'other'];

export interface Contact extends RecordMeta {
  customerId: string;
  customerName: string;
  name: string;
  title: string | null;
  phones: string[];
  emails: string[];
  wechatId: string | null;
  decisionRole: DecisionRole | null;
  /** YYYY-MM-DD; a lunar date (month ≤ 12, day ≤ 30) when `birthdayLunar`. */
  birthday: string | null;
  birthdayLunar: boolean;
  hobbies: string | null;
  familyNotes: string | null;
  isKeyPerson: boolean;
  notes: string | null;
  /** Values of the administrator's custom fields for contacts, by key. */
  customFields: Record<string, unknown>;
  highlight?: { text: string; match: boolean }[];
}

export interface ContactProfileInput {
  name?: string;
  title?: string | null;
  phones?: string[];
  emails?: string[];
  wechatId?: string | null;
  decisionRole?: DecisionRole | null;
  birthday?: string | null;
  birthdayLunar?: boolean;
  hobbies?: string | null;
  familyNotes?: string | null;
  isKeyPerson?: boolean;
  notes?: string | null;
  /** On a patch only the keys to change; null clears one. */
  customFields?: Record<string, unknown>;
}

export type CreateContactInput = ContactProfileInput & { customerId: string; name: string };
export type UpdateContactInput = ContactProfileInput & { version: number; customerId?: string };

export interface ContactFilters {
  q?: string;
  customerId?: string;
  decisionRole?: DecisionRole;
  isKeyPerson?: boolean;
}

export const contactsKey = ['contacts'] as const;

export function listContacts(
  filters: ContactFilters & { cursor?: string | null; limit?: number; sort?: string },
) {
  return api.get<ListPage<Contact>>('/contacts', { ...filters });
}

export function listCustomerContacts(
  customerId: string,
  query: { q?: string; cursor?: string | null; limit?: number; sort?: string },
) {
  return api.get<ListPage<Contact>>(`/customers/${customerId}/contacts`, { ...query });
}

export function fetchContact(id: string) {
  return api.get<Contact>(`/contacts/${id}`);
}

export function createContact(input: CreateContactInput) {
  return api.post<Contact>('/contacts', input);
}

export function updateContact(id: string, input: UpdateContactInput) {
  return api.patch<Contact>(`/contacts/${id}`, input);
}

export function deleteContact(id: string) {
  return api.delete(`/contacts/${id}`);
}

export function revealContactField(id: string, field: 'phones' | 'emails') {
  return api.post<{ value: string[] }>(`/contacts/${id}/reveal`, { field });
}

export function fetchContactHistory(id: string) {
  return api.get<{ items: HistoryEntry[] }>(`/contacts/${id}/history`);
}
