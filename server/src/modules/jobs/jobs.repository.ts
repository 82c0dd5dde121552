import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { jobs, jobSchedules, type JobProgress } from './jobs.table.ts';

const rowsOf = (res: unknown) => (res as { rows: Record<string, unknown>[] }).rows;

export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(db: Db, row: typeof jobs.$inferInsert): Promise<string> {
  const [r] = await db.insert(jobs).values(row).returning({ id: jobs.id });
  return r!.id;
}

/**
 * Claims the next due job. FOR UPDATE SKIP LOCKED makes concurrent workers —
 * in this process or in others on the same database — take different jobs.
 */
export async function claimNextJob(
  db: Db,
  names: string[],
  workerId: string,
  leaseMs: number,
): Promise<JobRow | undefined> {
  if (!names.length) return undefined;
  const res = await db.execute(sql`
    update ${jobs} set status = 'running', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = now() + make_interval(secs => ${leaseMs / 1000}), started_at = coalesce(started_at, now())
    where id = (
      select id from ${jobs}
      where status = 'queued' and run_at <= now() and name in ${names}
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning id`);
  const id = rowsOf(res)[0]?.id as string | undefined;
  if (!id) return undefined;
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/** Jobs whose worker died (lease expired) go back to the queue. */
export async function requeueExpired(db: Db): Promise<number> {
  const res = await db.execute(sql`
    update ${jobs} set status = case when attempts >= max_attempts then 'failed' else 'queued' end,
      error = coalesce(error, 'worker lease expired'), locked_by = null, locked_until = null,
      finished_at = case when attempts >= max_attempts then now() else null end
    where status = 'running' and locked_until < now()
    returning id`);
  return rowsOf(res).length;
}

export async function extendLease(db: Db, id: string, workerId: string, leaseMs: number): Promise<boolean> {
  const res = await db.execute(sql`
    update ${jobs} set locked_until = now() + make_interval(secs => ${leaseMs / 1000})
    where id = ${id} and locked_by = ${workerId} and status = 'running' returning id`);
  return rowsOf(res).length > 0;
}

export async function setProgress(db: Db, id: string, progress: JobProgress): Promise<void> {
  await db.update(jobs).set({ progress }).where(eq(jobs.id, id));
}

export async function finishJob(db: Db, id: string, workerId: string, result: unknown): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'done',
      result: result ?? null,
      finishedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
      error: null,
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

export async function failJob(
  db: Db,
  id: string,
  workerId: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db
    .update(jobs)
    .set(
      retryAt
        ? { status: 'queued', error, runAt: retryAt, lockedBy: null, lockedUntil: null }
        : { status: 'failed', error, finishedAt: sql`now()`, lockedBy: null, lockedUntil: null },
    )
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

/** System read of one job (CLI). */
export async function findJobById(db: Db, id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

export async function isCancelled(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, id));
  return row?.status === 'cancelled';
}

// ---- tenant reads and actions (run inside withTenant: RLS limits them to the org) ----

export interface JobFilter {
  status?: string;
  name?: string;
  cursor?: { v: string | number | boolean | null; id: string };
  limit: number;
}

export async function listJobs(tx: Db, orgId: string, f: JobFilter) {
  const where: SQL[] = [eq(jobs.orgId, orgId)];
  if (f.status) where.push(eq(jobs.status, f.status as JobRow['status']));
  if (f.name) where.push(eq(jobs.name, f.name));
  const page = [...where];
  if (f.cursor) {
    const at = new Date(String(f.cursor.v));
    page.push(or(lt(jobs.createdAt, at), and(eq(jobs.createdAt, at), lt(jobs.id, f.cursor.id)))!);
  }
  const items = await tx
    .select()
    .from(jobs)
    .where(and(...page))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(f.limit + 1);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(...where));
  return { items, total };
}

export async function findJob(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), eq(jobs.id, id)));
  return row;
}

export async function cancelJob(tx: Db, orgId: string, id: string) {
  const rows = await tx
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(jobs.orgId, orgId), eq(jobs.id, id), sql`${jobs.status} in ('queued', 'running')`))
    .returning();
  return rows[0];
}

export async function retryJob(tx: Db, orgId: string, id: string) {
  const rows = await tx
    .update(jobs)
    .set({ status: 'queued', runAt: sql`now()`, attempts: 0, error: null, finishedAt: null })
    .where(and(eq(jobs.orgId, orgId), eq(jobs.id, id), sql`${jobs.status} in ('failed', 'cancelled')`))
    .returning();
  return rows[0];
}

// ---- schedules ----

export async function upsertSchedule(
  db: Db,
  s: { name: string; cron: string; jobName: string; nextRunAt: Date },
) {
  await db
    .insert(jobSchedules)
    .values(s)
    .onConflictDoUpdate({ target: jobSchedules.name, set: { cron: s.cron, jobName: s.jobName } });
}

export async function dueSchedules(db: Db) {
  return db
    .select()
    .from(jobSchedules)
    .where(sql`${jobSchedules.nextRunAt} <= now()`);
}

/**
 * Advances a due schedule; only the process whose update succeeds enqueues the run
 * (a concurrent update waits on the row lock, then finds it no longer due).
 */
export async function advanceSchedule(db: Db, name: string, next: Date): Promise<boolean> {
  const rows = await db
    .update(jobSchedules)
    .set({ nextRunAt: next, lastRunAt: sql`now()` })
    .where(and(eq(jobSchedules.name, name), sql`${jobSchedules.nextRunAt} <= now()`))
    .returning({ name: jobSchedules.name });
  return rows.length > 0;
}
