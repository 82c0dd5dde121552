// Pure: how a job's progress is shown and whether the list should keep polling.
import type { Job, JobStatus } from './jobs.api';

export const ACTIVE_STATUSES: JobStatus[] = ['queued', 'running'];

export function isActive(job: Pick<Job, 'status'>): boolean {
  return ACTIVE_STATUSES.includes(job.status);
}

/** Poll every 2 s while anything is queued or running; stop when all are settled. */
export function pollInterval(jobs: Pick<Job, 'status'>[] | undefined): number | false {
  return jobs?.some(isActive) ? 2000 : false;
}

/** 0–100, or null when the total is unknown. A finished job shows 100. */
export function percent(job: Pick<Job, 'status' | 'progress'>): number | null {
  if (job.status === 'done') return 100;
  const total = job.progress?.total;
  if (!total || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor(((job.progress?.processed ?? 0) / total) * 100)));
}

export function progressStatus(status: JobStatus): 'success' | 'exception' | 'active' | 'normal' {
  if (status === 'done') return 'success';
  if (status === 'failed') return 'exception';
  if (status === 'running') return 'active';
  return 'normal';
}
