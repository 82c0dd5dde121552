import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/types.ts';
import { openDatabase } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { syncBuiltinRoles } from './modules/access/role-sync.service.ts';
import { createOrganisation, needsSetup } from './modules/orgs/index.ts';
import { createJobRunner, type JobHandler, type Schedule } from './modules/jobs/index.ts';
import { deleteExpiredSessions } from './modules/auth/sessions.repository.ts';
import { importFiles, importJobHandlers } from './modules/imports/index.ts';
import { seedDemoData } from './modules/setup/demo-seed.service.ts';
import { reclaimPool } from './modules/customers/index.ts';
import { createGreetingTasks, sendTaskReminders } from './modules/tasks/index.ts';
import { exportCleanupJob, exportJob } from './modules/exports/index.ts';
import { escalateSleepingLeads } from './modules/leads/index.ts';

/**
 * Opens the configured database and brings it up to date: the schema, then the built-in
 * roles of organisations created before the permission catalog last grew.
 */
export async function openAndMigrate(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    replicaUrl: config.replicaUrl,
    dataDir: config.dataDir,
  });
  try {
    await runMigrations(database);
    await syncBuiltinRoles(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

/** With GUANXI_ADMIN_EMAIL/PASSWORD/ORG_NAME set and an empty database, creates the first organisation. */
export async function firstRunFromEnv(
  database: Database,
  config: Config,
  log: FastifyBaseLogger,
): Promise<void> {
  const { adminEmail, adminPassword, orgName } = config.firstRun;
  if (!adminEmail || !adminPassword || !(await needsSetup(database.db))) return;
  await createOrganisation(
    database.db,
    { name: orgName ?? 'Guanxi', adminEmail, adminPassword, isInstanceAdmin: true },
    new Date(),
  );
  log.info({ adminEmail }, 'first run: organisation and administrator created');
}

export function jobHandlers(config: Config): Record<string, JobHandler> {
  return {
    'demo.seed': seedDemoData,
    'sessions.cleanup': async (job) => {
      const now = new Date();
      const removed = await deleteExpiredSessions(
        job.db,
        now,
        new Date(now.getTime() - config.session.idleMinutes * 60_000),
      );
      return { removed };
    },
    // The public pool's reclaim; a test (or an operator) may pass `now` to evaluate as of then.
    'customers.pool-reclaim': async (job) => {
      const now = typeof job.payload.now === 'string' ? new Date(job.payload.now) : new Date();
      return reclaimPool(job.db, now, {
        orgId: job.orgId,
        progress: (processed, message) => job.progress(processed, null, message),
        cancelled: job.cancelled,
      });
    },
    // Task reminders and greeting tasks; `now` in the payload evaluates as of then (tests, operators).
    'tasks.reminders': async (job) => sendTaskReminders(job.db, payloadNow(job), { orgId: job.orgId }),
    'tasks.greetings': async (job) => createGreetingTasks(job.db, payloadNow(job), { orgId: job.orgId }),
    // Sleeping leads past their first-contact deadline, to the owner's manager; `now` as above.
    'leads.escalate': async (job) => escalateSleepingLeads(job.db, payloadNow(job), { orgId: job.orgId }),
    'exports.run': exportJob(config.filesDir),
    ...importJobHandlers(importFiles(config)),
    'exports.cleanup': exportCleanupJob(config.filesDir),
  };
}

/** The job's `now` payload (tests, operators), else the current time. */
function payloadNow(job: { payload: Record<string, unknown> }): Date {
  return typeof job.payload.now === 'string' ? new Date(job.payload.now) : new Date();
}

export const SCHEDULES: Schedule[] = [
  { name: 'sessions.cleanup', cron: '*/15 * * * *', jobName: 'sessions.cleanup' },
  { name: 'customers.pool-reclaim', cron: '5 * * * *', jobName: 'customers.pool-reclaim' },
  { name: 'tasks.reminders', cron: '*/10 * * * *', jobName: 'tasks.reminders' },
  { name: 'leads.escalate', cron: '*/10 * * * *', jobName: 'leads.escalate' },
  // Early morning in Shanghai: the day's greeting tasks exist before anyone starts work.
  { name: 'tasks.greetings', cron: '30 5 * * *', jobName: 'tasks.greetings' },
  // Finished export files live a day.
  { name: 'exports.cleanup', cron: '40 * * * *', jobName: 'exports.cleanup' },
];

export function startJobs(database: Database, config: Config, log: FastifyBaseLogger) {
  const runner = createJobRunner({
    db: database.db,
    handlers: jobHandlers(config),
    schedules: SCHEDULES,
    log,
  });
  return runner;
}
