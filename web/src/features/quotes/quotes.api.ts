import { api, request, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export const QUOTE_STATUSES = [
  'draft',
  'pendingApproval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'expired',
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** A line as the editor holds it: decimal strings, never floats. */
export interface QuoteLineInput {
  productId?: string | null;
  name?: string | null;
  quantity: string;
  unitPrice?: string | null;
  discountPct?: string | null;
  taxRate?: string | null;
}

export interface QuoteLine {
  id?: string;
  position?: number;
  productId: string | null;
  sku: string | null;
  name: string;
  unit: string | null;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
  lineTotal: string;
  tax: string;
}

export interface QuoteTotals {
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  maxDiscountPct: string;
}

export interface Quote extends RecordMeta, QuoteTotals {
  number: string;
  customerId: string;
  customerName: string | null;
  contactId: string | null;
  contactName: string | null;
  opportunityId: string | null;
  opportunityName: string | null;
  currency: string;
  status: QuoteStatus;
  validUntil: string | null;
  approvalRequestedAt: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  approvalNote: string | null;
  terms: string | null;
  notes: string | null;
  ownerId: string;
  ownerName: string | null;
  orderId: string | null;
  lines?: QuoteLine[];
}

export interface QuotePreview extends QuoteTotals {
  currency: string;
  authorityPct: string;
  needsApproval: boolean;
  lines: QuoteLine[];
}

export interface QuoteInput {
  customerId: string;
  opportunityId?: string | null;
  contactId?: string | null;
  currency: string;
  validUntil: string;
  lines: QuoteLineInput[];
  terms?: string | null;
  notes?: string | null;
}

export interface QuoteFilters {
  status?: QuoteStatus;
  customerId?: string;
  opportunityId?: string;
  ownerId?: string;
  q?: string;
  awaitingMe?: boolean;
}

/** A catalogue item as the line picker needs it (GET /products). */
export interface CatalogueProduct {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  unit: string;
  listPrice: string;
  currency: string;
  taxRate: string;
  status: string;
}

export const quotesKey = ['quotes'] as const;

export const listQuotes = (query: QuoteFilters & { sort?: string; cursor?: string | null; limit?: number }) =>
  api.get<ListPage<Quote>>('/quotes', { ...query });
export const fetchQuote = (id: string) => api.get<Quote>(`/quotes/${id}`);
export const fetchQuoteHistory = (id: string) => api.get<{ items: HistoryEntry[] }>(`/quotes/${id}/history`);
export const createQuote = (input: QuoteInput) => api.post<Quote>('/quotes', input);
export const updateQuote = (id: string, input: Partial<QuoteInput> & { version: number }) =>
  api.patch<Quote>(`/quotes/${id}`, input);
export const deleteQuote = (id: string) => api.delete(`/quotes/${id}`);
export const previewQuote = (input: {
  customerId?: string | null;
  currency: string;
  lines: QuoteLineInput[];
}) => api.post<QuotePreview>('/quotes/preview', input);

export type QuoteAction = 'submit' | 'approve' | 'reject' | 'send' | 'accept';
export const quoteAction = (
  id: string,
  action: QuoteAction,
  body: { version?: number; note?: string | null },
) =>
  api.post<Quote | { quote: Quote; order: { id: string; number: string } }>(`/quotes/${id}/${action}`, body);

/** The printable page as HTML text (shown in a sandboxed iframe via srcDoc). */
export const fetchQuoteHtml = (id: string) =>
  fetch(`/api/v1/quotes/${id}/print`, { credentials: 'same-origin' }).then(async (r) => {
    if (!r.ok) throw new Error(r.statusText);
    return r.text();
  });

export const pdfUrl = (id: string, lang: string) =>
  `/api/v1/quotes/${id}/pdf?lang=${encodeURIComponent(lang)}`;

export const searchProducts = (q: string) =>
  request<ListPage<CatalogueProduct>>('GET', '/products', {
    query: { q: q || undefined, limit: 20, status: 'active' },
  });
