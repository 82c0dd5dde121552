import { api, type ListPage } from '../../api/client';

export interface Notification {
  id: string;
  kind: string;
  params: Record<string, string | number | null>;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const notificationsKey = ['notifications'] as const;

export const listNotifications = (query: { unread?: boolean; cursor?: string | null; limit?: number }) =>
  api.get<ListPage<Notification>>('/notifications', { ...query });
export const unreadCount = () => api.get<{ count: number }>('/notifications/unread-count');
export const markRead = (id: string) => api.post<Notification>(`/notifications/${id}/read`);
export const markAllRead = () => api.post<{ updated: number }>('/notifications/read-all');
