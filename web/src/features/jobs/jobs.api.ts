import { api, type ListPage } from '../../api/client';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  name: string;
  status: JobStatus;
  progress: { processed: number; total: number | null; message: string | null } | null;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  runAt: string | null;
}

export const jobsKey = ['jobs'] as const;

export function listJobs(filters: {
  status?: JobStatus;
  name?: string;
  cursor?: string | null;
  limit?: number;
}) {
  return api.get<ListPage<Job>>('/jobs', { ...filters });
}

export function cancelJob(id: string) {
  return api.post<Job>(`/jobs/${id}/cancel`);
}

export function retryJob(id: string) {
  return api.post<Job>(`/jobs/${id}/retry`);
}

export function startDemoData() {
  return api.post<{ jobId: string }>('/demo-data');
}
