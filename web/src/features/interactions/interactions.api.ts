import { api, download, upload, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export const CHANNELS = [
  'call',
  'visit',
  'meeting',
  'email',
  'fax',
  'sms',
  'wechat',
  'tradeFair',
  'note',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string | null;
}

export interface Interaction extends RecordMeta {
  customerId: string;
  customerName: string;
  contactId: string | null;
  contactName: string | null;
  channel: Channel;
  occurredAt: string;
  subject: string | null;
  content: string | null;
  outcome: string | null;
  nextStep: string | null;
  nextStepAt: string | null;
  userId: string | null;
  userName: string | null;
  attachments: Attachment[];
}

export interface InteractionInput {
  customerId: string;
  contactId?: string | null;
  channel: Channel;
  occurredAt: string;
  subject?: string | null;
  content?: string | null;
  outcome?: string | null;
  nextStep?: string | null;
  nextStepAt?: string | null;
}

export interface InteractionFilters {
  customerId?: string;
  channel?: Channel;
  userId?: string;
  from?: string;
  to?: string;
  q?: string;
  limit?: number;
  cursor?: string | null;
}

export type TimelineType = 'interaction' | 'taskCreated' | 'taskDue' | 'taskDone' | 'change';
export interface TimelineItem {
  type: TimelineType;
  at: string;
  id: string;
  entity: string;
  entityId: string | null;
  userId: string | null;
  userName: string | null;
  title: string | null;
  detail?: Record<string, unknown>;
}

export interface CustomerActivity {
  customerId: string;
  lastContactAt: string | null;
  lastContactChannel: Channel | null;
  lastByChannel: Partial<Record<Channel, string>>;
  lastFollowUpAt: string | null;
  lastDealAt: string | null;
  lastPortalLoginAt: string | null;
  lastEnquiryAt: string | null;
  emailOpens: number | null;
  emailClicks: number | null;
  lastEmailCampaignAt: string | null;
  lastSmsCampaignAt: string | null;
}

export const interactionsKey = ['interactions'] as const;

export const listInteractions = (filters: InteractionFilters) =>
  api.get<ListPage<Interaction>>('/interactions', { ...filters });
export const createInteraction = (input: InteractionInput) => api.post<Interaction>('/interactions', input);
export const deleteInteraction = (id: string) => api.delete(`/interactions/${id}`);
export const fetchInteractionHistory = (id: string) =>
  api.get<{ items: HistoryEntry[] }>(`/interactions/${id}/history`);
export const uploadAttachment = (interactionId: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<Attachment>(`/interactions/${interactionId}/attachments`, form);
};
export const downloadAttachment = (id: string) => download(`/attachments/${id}`);
export const fetchTimeline = (customerId: string, cursor: string | null) =>
  api.get<{ items: TimelineItem[]; nextCursor: string | null }>(`/customers/${customerId}/timeline`, {
    limit: 20,
    cursor,
  });
export const fetchActivity = (customerId: string) =>
  api.get<CustomerActivity>(`/customers/${customerId}/activity`);
export const fetchCustomerContactOptions = (customerId: string) =>
  api.get<ListPage<{ id: string; name: string }>>(`/customers/${customerId}/contacts`, { limit: 200 });
