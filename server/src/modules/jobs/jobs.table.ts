import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { newId, timestamptz } from '../../db/columns.ts';

export interface JobProgress {
  processed: number;
  total: number | null;
  message: string | null;
}

/**
 * The durable job queue. org_id is null for instance-wide maintenance jobs, so
 * the key is id alone; tenant transactions see only their organisation's jobs (RLS).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    orgId: uuid('org_id'),
    name: text('name').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status')
      .$type<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>()
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    runAt: timestamptz('run_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    progress: jsonb('progress')
      .$type<JobProgress>()
      .notNull()
      .default({ processed: 0, total: null, message: null }),
    result: jsonb('result').$type<unknown>(),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [index('jobs_claim_idx').on(t.status, t.runAt), index('jobs_org_idx').on(t.orgId, t.createdAt)],
);

/** Cron-like schedules; a process enqueues a due run by advancing next_run_at atomically. */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  cron: text('cron').notNull(),
  jobName: text('job_name').notNull(),
  nextRunAt: timestamptz('next_run_at').notNull(),
  lastRunAt: timestamptz('last_run_at'),
});
