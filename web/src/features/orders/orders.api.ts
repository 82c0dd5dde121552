import { api, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'inProduction',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const QUEUE_DEPARTMENTS = ['sales', 'manager', 'finance', 'logistics', 'admin'] as const;

export interface OrderLineInput {
  productId?: string | null;
  name?: string | null;
  /** Decimal strings, never floats. */
  quantity: string;
  unitPrice?: string | null;
  discountPct?: string | null;
  taxRate?: string | null;
}

export interface OrderLine {
  id: string;
  position: number;
  productId: string | null;
  sku: string | null;
  name: string;
  unit: string | null;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
  lineTotal: string;
  unitCost: string | null;
  shippedQuantity: string;
}

export interface OrderTotals {
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  costTotal: string | null;
  profit: string | null;
}

export interface Order extends RecordMeta, OrderTotals {
  number: string;
  customerId: string;
  customerName: string | null;
  status: OrderStatus;
  source: string;
  currency: string;
  prepaymentPct: string;
  creditDays: number;
  deliveryAddress: string | null;
  onHold: boolean;
  creditHold: string | null;
  cancelReason: string | null;
  notes: string | null;
  ownerId: string;
  ownerName: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  lines?: OrderLine[];
  nextSteps: OrderStatus[];
}

export interface OrderPreview extends OrderTotals {
  currency: string;
  lines: (Omit<OrderLine, 'id' | 'position' | 'lineTotal' | 'unitCost' | 'shippedQuantity'> & {
    gross: string;
    discount: string;
    net: string;
    tax: string;
  })[];
}

export interface OrderEvent {
  id: string;
  kind: 'transition' | 'shipment' | 'hold' | 'release' | 'note' | string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  department: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: string;
  by: string | null;
  byName: string | null;
}

export interface OrderFilters {
  status?: OrderStatus;
  customerId?: string;
  ownerId?: string;
  onHold?: 'true' | 'false';
  createdFrom?: string;
  createdTo?: string;
  q?: string;
}

export interface OrderInput {
  customerId: string;
  currency: string;
  lines: OrderLineInput[];
  prepaymentPct?: string | null;
  creditDays?: number | null;
  deliveryAddress?: string | null;
  notes?: string | null;
}

export interface TransitionInput {
  to: OrderStatus;
  version: number;
  carrier?: string;
  trackingNumber?: string;
  lines?: { orderLineId: string; quantity: string }[];
  reason?: string;
  note?: string;
}

export interface CatalogueItem {
  id: string;
  sku: string;
  name: string;
  unit: string;
  listPrice: string;
  currency: string;
}

type Paging = { sort?: string; cursor?: string | null; limit?: number };

export const ordersKey = ['orders'] as const;
export const listOrders = (query: OrderFilters & Paging) =>
  api.get<ListPage<Order>>('/orders', { ...query, cursor: query.cursor ?? undefined });
export const orderQueue = (query: { department?: string; q?: string } & Paging) =>
  api.get<ListPage<Order>>('/orders/queue', { ...query, cursor: query.cursor ?? undefined });
export const fetchOrder = (id: string) => api.get<Order>(`/orders/${id}`);
export const fetchTimeline = (id: string) => api.get<{ items: OrderEvent[] }>(`/orders/${id}/timeline`);
export const fetchOrderHistory = (id: string) => api.get<{ items: HistoryEntry[] }>(`/orders/${id}/history`);
export const createOrder = (input: OrderInput) => api.post<Order>('/orders', input);
export const previewOrder = (input: { customerId?: string; currency: string; lines: OrderLineInput[] }) =>
  api.post<OrderPreview>('/orders/preview', input);
export const transitionOrder = (id: string, input: TransitionInput) =>
  api.post<Order>(`/orders/${id}/transition`, input);
export const addOrderNote = (id: string, note: string) =>
  api.post<{ items: OrderEvent[] }>(`/orders/${id}/notes`, { note });
export const deleteOrder = (id: string) => api.delete(`/orders/${id}`);
export const searchCatalogue = (q: string) =>
  api.get<ListPage<CatalogueItem>>('/products', { q: q || undefined, limit: 20, status: 'active' });
