import { api, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'disqualified' | 'converted';
export type ManAnswer = 'yes' | 'no' | 'unknown';
export const LEAD_STATUSES: LeadStatus[] = ['new', 'contacted', 'qualified', 'disqualified', 'converted'];
export const MAN_ANSWERS: ManAnswer[] = ['yes', 'no', 'unknown'];

export interface Lead extends RecordMeta {
  name: string | null;
  company: string | null;
  title: string | null;
  phones: string[];
  emails: string[];
  wechat: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  provinceName: string | null;
  cityName: string | null;
  address: string | null;
  website: string | null;
  channel: string;
  campaign: string | null;
  productInterest: string[];
  language: string | null;
  notes: string | null;
  status: LeadStatus;
  disqualifyReason: string | null;
  ownerId: string | null;
  ownerName: string | null;
  assignmentReason: string | null;
  firstContactDueAt: string | null;
  firstContactedAt: string | null;
  escalatedAt: string | null;
  sleeping: boolean;
  manMoney: ManAnswer;
  manAuthority: ManAnswer;
  manNeed: ManAnswer;
  nextAction: string;
  qualifiedAt: string | null;
  matchedCustomerId: string | null;
  matchedCustomerName: string | null;
  matchedOn: string[];
  convertedAt: string | null;
  convertedCustomerId: string | null;
  convertedContactId: string | null;
  convertedOpportunityId: string | null;
  formId: string | null;
  externalSource: string | null;
  tags: string[];
}

export interface LeadFilters {
  q?: string;
  status?: LeadStatus;
  channel?: string;
  campaign?: string;
  ownerId?: string;
  sleeping?: string;
  unassigned?: string;
}

export type LeadInput = Partial<
  Pick<
    Lead,
    | 'name'
    | 'company'
    | 'title'
    | 'phones'
    | 'emails'
    | 'wechat'
    | 'country'
    | 'address'
    | 'website'
    | 'channel'
    | 'campaign'
    | 'productInterest'
    | 'language'
    | 'notes'
    | 'tags'
  >
> & { ownerId?: string | null };

export const leadsKey = ['leads'] as const;

export const listLeads = (query: LeadFilters & { sort?: string; cursor?: string | null; limit?: number }) =>
  api.get<ListPage<Lead>>('/leads', { ...query, cursor: query.cursor ?? undefined });
export const getLead = (id: string) => api.get<Lead>(`/leads/${id}`);
export const createLead = (body: LeadInput) => api.post<Lead>('/leads', body);
export const updateLead = (
  id: string,
  body: LeadInput & { version: number; status?: LeadStatus; disqualifyReason?: string | null },
) => api.patch<Lead>(`/leads/${id}`, body);
export const deleteLead = (id: string) => api.delete(`/leads/${id}`);
export const leadHistory = (id: string) => api.get<{ items: HistoryEntry[] }>(`/leads/${id}/history`);
export const qualifyLead = (
  id: string,
  body: { money: ManAnswer; authority: ManAnswer; need: ManAnswer; version: number },
) => api.post<Lead>(`/leads/${id}/qualify`, body);
export const bulkAssignLeads = (ids: string[], ownerId: string) =>
  api.post<{ assigned: number; refused: { id: string; code: string; message: string }[] }>(
    '/leads/bulk-assign',
    { ids, ownerId },
  );

export interface ConvertBody {
  customerId?: string;
  opportunity?: { name?: string; amount?: string; currency?: string } | null;
  createContact?: boolean;
}
export interface ConvertResult {
  lead: Lead;
  customerId: string;
  contactId: string | null;
  opportunityId: string | null;
  reusedCustomer: boolean;
}
export const convertLead = (id: string, body: ConvertBody) =>
  api.post<ConvertResult>(`/leads/${id}/convert`, body);

/** Public web forms. */
export const FORM_FIELDS = [
  'name',
  'company',
  'title',
  'phone',
  'email',
  'wechat',
  'country',
  'city',
  'address',
  'website',
  'productInterest',
  'language',
  'notes',
] as const;

export interface LeadForm extends RecordMeta {
  name: string;
  publicKey: string;
  path: string;
  fields: string[];
  requiredFields: string[];
  defaults: { channel?: string; campaign?: string | null; tags?: string[]; productInterest?: string[] };
  active: boolean;
  submissions: number;
}
export type LeadFormInput = Pick<LeadForm, 'name' | 'fields' | 'requiredFields' | 'defaults' | 'active'>;

export const leadFormsKey = ['lead-forms'] as const;
export const listLeadForms = () => api.get<{ items: LeadForm[]; total: number }>('/lead-forms');
export const createLeadForm = (body: LeadFormInput) => api.post<LeadForm>('/lead-forms', body);
export const updateLeadForm = (id: string, body: Partial<LeadFormInput> & { version: number }) =>
  api.patch<LeadForm>(`/lead-forms/${id}`, body);
export const deleteLeadForm = (id: string) => api.delete(`/lead-forms/${id}`);
export const leadFormSnippet = (id: string) =>
  api.get<{ url: string; html: string }>(`/lead-forms/${id}/snippet`);
