import { api } from '../../api/client';

export interface OverdueCustomer {
  id: string;
  name: string;
  grade: string;
  ownerId: string;
  ownerName: string | null;
  teamId: string | null;
  teamName: string | null;
  lastContactAt: string | null;
  createdAt: string;
  targetDays: number;
  daysOverdue: number;
}

export interface OverduePage {
  items: OverdueCustomer[];
  total: number;
  nextCursor: string | null;
  summary: {
    byOwner: { ownerId: string; ownerName: string | null; count: number }[];
    byTeam: { teamId: string | null; teamName: string | null; count: number }[];
  };
}

export interface OverdueQuery {
  ownerId?: string;
  teamId?: string;
  grade?: string;
  cursor?: string | null;
  limit?: number;
}

export const contactFrequencyKey = ['contact-frequency'] as const;
export const listOverdue = (q: OverdueQuery) => api.get<OverduePage>('/contact-frequency/overdue', { ...q });
export const fetchTargets = () => api.get<{ targets: Record<string, number> }>('/settings/contact-frequency');
export const saveTargets = (targets: Record<string, number>) =>
  api.put<{ targets: Record<string, number> }>('/settings/contact-frequency', { targets });
