import { api, download, type ListPage, type Query } from '../../api';

export const receivablesKey = ['receivables'] as const;

export interface Invoice {
  id: string;
  version: number;
  number: string;
  customerId: string;
  customerName: string | null;
  orderId: string | null;
  orderNumber: string | null;
  currency: string;
  amount: string;
  paidAmount: string;
  openAmount: string;
  issueDate: string;
  dueDate: string;
  status: 'open' | 'paid' | 'void';
  paidAt: string | null;
  notes: string | null;
}

export interface Payment {
  id: string;
  customerId: string;
  customerName: string | null;
  currency: string;
  amount: string;
  allocatedAmount: string;
  unallocatedAmount: string;
  receivedOn: string;
  method: string;
  reference: string | null;
  allocations?: { invoiceId: string; invoiceNumber: string; amount: string }[];
}

export const PAYMENT_METHODS = [
  'bankTransfer',
  'cash',
  'cheque',
  'acceptance',
  'alipay',
  'wechatPay',
  'other',
] as const;
export const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;
export type Bucket = (typeof BUCKETS)[number];
type Buckets = Record<Bucket | 'total', string>;

export interface Ageing {
  asOf: string;
  timeZone: string;
  totals: (Buckets & { currency: string; customers: number })[];
  customers: (Buckets & { customerId: string; customerName: string | null; currency: string })[];
  customersTotal: number;
}

export interface StatementLine {
  date: string;
  kind: 'invoice' | 'payment';
  id: string;
  reference: string | null;
  debit: string;
  credit: string;
  balance: string;
}
export interface Statement {
  customerId: string;
  customerName: string;
  from: string;
  to: string;
  currencies: {
    currency: string;
    opening: string;
    debits: string;
    credits: string;
    closing: string;
    lines: StatementLine[];
  }[];
}

export interface Credit {
  customerId: string;
  limit: string | null;
  currency: string;
  rating: string | null;
  openReceivables: string;
  openOrders: string;
  available: string | null;
  overdue: string;
  maxDaysOverdue: number;
  overdueThresholdDays: number;
  suspended: boolean;
  suspendedReason: string | null;
  suspendedAt: string | null;
}

export interface Hold {
  id: string;
  number: string;
  customerId: string;
  customerName: string | null;
  status: string;
  currency: string;
  total: string;
  creditHold: 'limitExceeded' | 'overdue' | 'suspended';
  creditHoldDetails: Record<string, unknown> | null;
  submittedAt: string | null;
  ownerName: string | null;
}

export interface ReceivablesSummary {
  customerId: string;
  currencies: {
    currency: string;
    invoiced: string;
    paid: string;
    open: string;
    overdue: string;
    unallocated: string;
  }[];
  daysToPay: number | null;
  paidInvoices: number;
}

export const listInvoices = (q: Query) => api.get<ListPage<Invoice>>('/invoices', q);
export const createInvoice = (body: Record<string, unknown>) => api.post<Invoice>('/invoices', body);
export const voidInvoice = (id: string) => api.delete(`/invoices/${id}`);
export const listPayments = (q: Query) => api.get<ListPage<Payment>>('/payments', q);
export const createPayment = (body: Record<string, unknown>) => api.post<Payment>('/payments', body);
export const deletePayment = (id: string) => api.delete(`/payments/${id}`);
export const getAgeing = (q: Query) => api.get<Ageing>('/receivables/ageing', q);
export const getStatement = (id: string, q: { from: string; to: string }) =>
  api.get<Statement>(`/customers/${id}/statement`, q);
export const getSummary = (id: string) => api.get<ReceivablesSummary>(`/customers/${id}/receivables`);
export const getCredit = (id: string) => api.get<Credit>(`/customers/${id}/credit`);
export const suspendCustomer = (id: string, reason: string) =>
  api.post<Credit>(`/customers/${id}/credit/suspend`, { reason });
export const resumeCustomer = (id: string, note?: string) =>
  api.post<Credit>(`/customers/${id}/credit/resume`, note ? { note } : {});
export const listHolds = () => api.get<ListPage<Hold>>('/credit/holds');
export const releaseHold = (orderId: string, note: string) =>
  api.post(`/orders/${orderId}/release-hold`, { note });

/** Downloads a file from the API and hands it to the browser. */
export async function saveDownload(path: string, query: Query, fallback: string): Promise<void> {
  const { blob, filename } = await download(path, query);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallback;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const money = (amount: string | null | undefined, currency?: string) =>
  amount === null || amount === undefined
    ? '—'
    : `${currency ? `${currency} ` : ''}${Number(amount).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
