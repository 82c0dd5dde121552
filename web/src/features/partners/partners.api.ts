import { api, type ListPage } from '../../api/client';

export const PARTNER_KINDS = ['supplier', 'bank', 'insurer', 'courier', 'forwarder', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const RATINGS = ['qualityRating', 'deliverySpeed', 'serviceLevel', 'priceLevel'] as const;

export interface PartnerContact {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
}

export interface Partner {
  id: string;
  version: number;
  kind: PartnerKind;
  name: string;
  mainProducts: string | null;
  priceLevel: number | null;
  deliverySpeed: number | null;
  serviceLevel: number | null;
  qualityRating: number | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  contacts: PartnerContact[];
  tags: string[];
  notes: string | null;
}

export const partnersKey = ['partners'] as const;
export const listPartners = (q: { kind?: PartnerKind; q?: string; tag?: string }) =>
  api.get<ListPage<Partner>>('/partners', { ...q, limit: 200 });
export const createPartner = (input: Record<string, unknown>) => api.post<Partner>('/partners', input);
export const updatePartner = (id: string, input: Record<string, unknown>) =>
  api.patch<Partner>(`/partners/${id}`, input);
export const deletePartner = (id: string) => api.delete(`/partners/${id}`);
