import { hostname } from 'node:os';
import { CronExpressionParser } from 'cron-parser';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { retryDelayMs } from './backoff.ts';
import * as repo from './jobs.repository.ts';

export interface JobContext {
  id: string;
  orgId: string | null;
  payload: Record<string, unknown>;
  attempt: number;
  createdBy: string | null;
  /**
   * Owner connection; tenant work goes through withTenant(db, orgId, ...). Report
   * progress between transactions, not inside one: PGlite has a single connection.
   */
  db: Db;
  progress(processed: number, total?: number | null, message?: string | null): Promise<void>;
  /** True once someone cancelled the job: long jobs check it between batches and stop. */
  cancelled(): Promise<boolean>;
}

export type JobHandler = (job: JobContext) => Promise<unknown>;

export interface NewJob {
  name: string;
  orgId?: string | null;
  payload?: Record<string, unknown>;
  createdBy?: string | null;
  runAt?: Date;
  maxAttempts?: number;
}

/** Enqueues a job; pass a transaction to make it commit (or not) with the caller's change. */
export function enqueueJob(db: Db, job: NewJob): Promise<string> {
  return repo.insertJob(db, {
    name: job.name,
    orgId: job.orgId ?? null,
    payload: job.payload ?? {},
    createdBy: job.createdBy ?? null,
    runAt: job.runAt ?? new Date(),
    maxAttempts: job.maxAttempts ?? 3,
  });
}

export interface Schedule {
  name: string;
  cron: string;
  jobName: string;
}

export function nextCronRun(cron: string, after: Date, tz = 'Asia/Shanghai'): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz }).next().toDate();
}

export interface RunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** How often to requeue expired leases and enqueue due schedules. */
  maintenanceMs?: number;
  log?: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void };
}

/** Polls the queue, runs handlers with a lease and retries, and enqueues scheduled runs. */
export function createJobRunner(opts: RunnerOptions) {
  const workerId = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  const concurrency = opts.concurrency ?? 2;
  const pollMs = opts.pollMs ?? 500;
  const leaseMs = opts.leaseMs ?? 60_000;
  const maintenanceMs = opts.maintenanceMs ?? 10_000;
  const names = Object.keys(opts.handlers);
  let running = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let lastMaintenance = 0;
  const active = new Set<Promise<void>>();

  async function runJob(job: repo.JobRow): Promise<void> {
    const handler = opts.handlers[job.name]!;
    const heartbeat = setInterval(
      () => void repo.extendLease(opts.db, job.id, workerId, leaseMs).catch(() => {}),
      leaseMs / 3,
    );
    let lastWrite = 0;
    const ctx: JobContext = {
      id: job.id,
      orgId: job.orgId,
      payload: job.payload,
      attempt: job.attempts,
      createdBy: job.createdBy,
      db: opts.db,
      progress: async (processed, total = null, message = null) => {
        // Progress is for people watching a bar: a write every 250 ms is plenty.
        const now = Date.now();
        if (now - lastWrite < 250 && processed !== total) return;
        lastWrite = now;
        await repo.setProgress(opts.db, job.id, { processed, total, message });
      },
      cancelled: () => repo.isCancelled(opts.db, job.id),
    };
    try {
      const result = await handler(ctx);
      if (!(await repo.isCancelled(opts.db, job.id))) await repo.finishJob(opts.db, job.id, workerId, result);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryAt =
        job.attempts < job.maxAttempts ? new Date(Date.now() + retryDelayMs(job.attempts)) : null;
      opts.log?.error({ err, job: job.id, name: job.name, retryAt }, 'job failed');
      await repo.failJob(opts.db, job.id, workerId, message.slice(0, 2000), retryAt);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function maintenance(): Promise<void> {
    await repo.requeueExpired(opts.db);
    for (const s of await repo.dueSchedules(opts.db)) {
      const next = nextCronRun(s.cron, new Date());
      if (await repo.advanceSchedule(opts.db, s.name, next)) await enqueueJob(opts.db, { name: s.jobName });
    }
  }

  /** One polling round: maintenance every 10 s, then claim jobs while slots are free. */
  async function tick(): Promise<number> {
    let claimed = 0;
    if (Date.now() - lastMaintenance >= maintenanceMs) {
      lastMaintenance = Date.now();
      await maintenance();
    }
    while (running < concurrency) {
      const job = await repo.claimNextJob(opts.db, names, workerId, leaseMs);
      if (!job) break;
      claimed++;
      running++;
      const p = runJob(job).finally(() => {
        running--;
        active.delete(p);
      });
      active.add(p);
    }
    return claimed;
  }

  /** The polling round in progress, if any: stop() waits for it (its maintenance may enqueue). */
  let round: Promise<void> | undefined;

  function loop(): void {
    if (stopped) return;
    round = tick()
      .then(() => undefined)
      .catch((err) => opts.log?.error({ err }, 'job runner tick failed'))
      .finally(() => {
        round = undefined;
        if (!stopped) timer = setTimeout(loop, pollMs);
      });
  }

  return {
    workerId,
    async start() {
      for (const s of opts.schedules ?? [])
        await repo.upsertSchedule(opts.db, { ...s, nextRunAt: nextCronRun(s.cron, new Date()) });
      stopped = false;
      loop();
    },
    tick,
    /** Waits for running jobs to finish (or their lease to lapse elsewhere). */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
      await Promise.allSettled([...active]);
    },
    /** Runs ticks until the queue has nothing due and nothing running (tests, CLI). */
    async drain(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const claimed = await tick();
        if (claimed === 0 && running === 0) return;
        await Promise.race([...active, new Promise((r) => setTimeout(r, 20))]);
      }
      throw new Error('job queue did not drain in time');
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
