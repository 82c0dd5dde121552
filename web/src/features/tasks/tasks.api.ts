import { api, type ListPage } from '../../api/client';

export const TASK_KINDS = ['followUp', 'callback', 'greeting', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = 'open' | 'done' | 'cancelled';
export type TaskView = 'mine' | 'overdue' | 'today' | 'week';

export interface Task {
  id: string;
  version: number;
  title: string;
  kind: TaskKind;
  status: TaskStatus;
  dueAt: string;
  assigneeId: string;
  assigneeName: string | null;
  customerId: string | null;
  customerName: string | null;
  contactId: string | null;
  contactName: string | null;
  notes: string | null;
  completedAt: string | null;
  completedBy: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface TaskQuery {
  view?: TaskView;
  status?: TaskStatus;
  kind?: TaskKind;
  assigneeId?: string;
  customerId?: string;
  dueFrom?: string;
  dueTo?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  q?: string;
}

export interface TaskInput {
  title: string;
  kind: TaskKind;
  dueAt: string;
  assigneeId?: string;
  customerId?: string | null;
  contactId?: string | null;
  notes?: string | null;
}

export const tasksKey = ['tasks'] as const;

export const listTasks = (query: TaskQuery) => api.get<ListPage<Task>>('/tasks', { ...query });
export const fetchTask = (id: string) => api.get<Task>(`/tasks/${id}`);
export const createTask = (body: TaskInput) => api.post<Task>('/tasks', body);
export const updateTask = (id: string, body: Partial<TaskInput> & { version: number }) =>
  api.patch<Task>(`/tasks/${id}`, body);
export const completeTask = (id: string) => api.post<Task>(`/tasks/${id}/complete`);
export const reopenTask = (id: string) => api.post<Task>(`/tasks/${id}/reopen`);
export const deleteTask = (id: string) => api.delete(`/tasks/${id}`);

/** Every task due in [from, to), page by page (the list contract caps a page at 200). */
export async function listAllTasks(query: TaskQuery): Promise<Task[]> {
  const out: Task[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: ListPage<Task> = await listTasks({ ...query, limit: 200, cursor });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

export interface GreetingSettings {
  enabled: boolean;
  daysAhead: number;
  holidays: string[];
  grades: string[];
}
export const HOLIDAY_KEYS = [
  'newYear',
  'springFestivalEve',
  'springFestival',
  'lanternFestival',
  'womensDay',
  'labourDay',
  'dragonBoat',
  'qixi',
  'teachersDay',
  'midAutumn',
  'nationalDay',
  'doubleNinth',
] as const;
export const fetchGreetingSettings = () => api.get<GreetingSettings>('/settings/greetings');
export const saveGreetingSettings = (s: GreetingSettings) =>
  api.put<GreetingSettings>('/settings/greetings', s);
