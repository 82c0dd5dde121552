import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createJobRunner, enqueueJob } from '../server/src/modules/jobs/index.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { createTestApp, createUser, setupInstance, type Client, type TestWorld } from './helpers/app.ts';
import { engine } from './helpers/db.ts';

let w: TestWorld;
let admin: Client;
let orgId: string;

beforeAll(async () => {
  w = await createTestApp();
  admin = await setupInstance(w.app);
  orgId = (await admin.get('/api/v1/me')).json().orgId;
});
afterAll(() => w.close());

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('job queue', () => {
  it('runs a job once, records progress and its result', async () => {
    const seen: number[] = [];
    const runner = createJobRunner({
      db: w.database.db,
      pollMs: 10,
      handlers: {
        'test.count': async (job) => {
          for (let i = 1; i <= 3; i++) {
            seen.push(i);
            await job.progress(i, 3, `step ${i}`);
          }
          return { ok: true };
        },
      },
    });
    const id = await enqueueJob(w.database.db, { name: 'test.count', orgId });
    await runner.drain();
    const job = (await admin.get(`/api/v1/jobs/${id}`)).json();
    expect(job).toMatchObject({
      status: 'done',
      attempts: 1,
      progress: { processed: 3, total: 3, message: 'step 3' },
      result: { ok: true },
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('retries a failing job with backoff and fails it after the last attempt', async () => {
    let calls = 0;
    const runner = createJobRunner({
      db: w.database.db,
      pollMs: 10,
      handlers: {
        'test.flaky': async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      },
    });
    const id = await enqueueJob(w.database.db, { name: 'test.flaky', orgId, maxAttempts: 2 });
    await runner.drain();
    let job = (await admin.get(`/api/v1/jobs/${id}`)).json();
    expect(job.status).toBe('queued');
    expect(job.attempts).toBe(1);
    expect(new Date(job.runAt).getTime()).toBeGreaterThan(Date.now() + 500); // backed off ~2 s
    // Make the retry due now instead of waiting out the backoff.
    await w.database.db.execute(sql`update jobs set run_at = now() where id = ${id}`);
    await runner.drain();
    job = (await admin.get(`/api/v1/jobs/${id}`)).json();
    expect(job).toMatchObject({ status: 'failed', attempts: 2, error: 'boom 2' });
    expect(calls).toBe(2);
  });

  it('lets an administrator retry a failed job and cancel a queued one', async () => {
    const failed = await enqueueJob(w.database.db, { name: 'test.none', orgId });
    await w.database.db.execute(sql`update jobs set status = 'failed', error = 'x' where id = ${failed}`);
    const retry = await admin.post(`/api/v1/jobs/${failed}/retry`);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'queued', attempts: 0, error: null });
    const cancel = await admin.post(`/api/v1/jobs/${failed}/cancel`);
    expect(cancel.json().status).toBe('cancelled');
    expect((await admin.post(`/api/v1/jobs/${failed}/cancel`)).statusCode).toBe(404);
  });

  it('requeues a job whose worker died once its lease expires', async () => {
    const id = await enqueueJob(w.database.db, { name: 'test.lease', orgId });
    await w.database.db.execute(
      sql`update jobs set status = 'running', attempts = 1, locked_by = 'dead', locked_until = now() - interval '1 second' where id = ${id}`,
    );
    let ran = 0;
    const runner = createJobRunner({
      db: w.database.db,
      pollMs: 10,
      handlers: { 'test.lease': async () => void ran++ },
    });
    await runner.drain();
    expect(ran).toBe(1);
    expect((await admin.get(`/api/v1/jobs/${id}`)).json().status).toBe('done');
  });

  it('enqueues a scheduled job once per due time, whatever the number of runners', async () => {
    const runs: string[] = [];
    const mk = () =>
      createJobRunner({
        db: w.database.db,
        pollMs: 10,
        maintenanceMs: 0,
        schedules: [{ name: 'test.every-minute', cron: '* * * * *', jobName: 'test.scheduled' }],
        handlers: { 'test.scheduled': async (job) => void runs.push(job.id) },
      });
    const a = mk();
    const b = mk();
    await a.start();
    await b.start();
    await a.stop();
    await b.stop();
    await w.database.db.execute(
      sql`update job_schedules set next_run_at = now() - interval '1 second' where name = 'test.every-minute'`,
    );
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(runs).toHaveLength(1);
  });

  it('hides other organisations’ jobs and forbids reading jobs without the permission', async () => {
    const foreign = await enqueueJob(w.database.db, { name: 'test.none', orgId: null });
    expect((await admin.get(`/api/v1/jobs/${foreign}`)).statusCode).toBe(404);
    const { client: portal } = await createUser(w.app, admin, { role: 'portal' });
    expect((await portal.get('/api/v1/jobs')).statusCode).toBe(403);
  });

  it('fills an organisation with demo data as a job with progress', async () => {
    const res = await admin.post('/api/v1/demo-data');
    expect(res.statusCode).toBe(202);
    // The seed writes a 3,000-customer archive too (test/demo-seed.test.ts checks it).
    await w.jobs.drain(300_000);
    const job = (await admin.get(`/api/v1/jobs/${res.json().jobId}`)).json();
    expect(job.status).toBe('done');
    expect(job.progress.processed).toBe(job.progress.total);
    const users = (await admin.get('/api/v1/users?q=demo-&limit=200')).json();
    expect(users.total).toBeGreaterThanOrEqual(16);
    const roles = new Set(users.items.map((u: { roleKey: string }) => u.roleKey));
    for (const r of ['manager', 'sales', 'service', 'marketing', 'finance', 'logistics', 'readonly'])
      expect(roles).toContain(r);
  }, 360_000);
});

describe.runIf(engine === 'postgres')('job queue on PostgreSQL with two server processes', () => {
  it('runs each job exactly once when two runners on separate pools compete', async () => {
    const url = (w.database as unknown as { url: string }).url;
    const second = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      await w.database.db.execute(
        sql`create table test_job_runs (job_id uuid not null, worker text not null)`,
      );
      const N = 60;
      for (let i = 0; i < N; i++) await enqueueJob(w.database.db, { name: 'test.race', orgId });
      const handler = (db: typeof w.database.db, worker: string) => async (job: { id: string }) => {
        await wait(Math.random() * 5);
        await db.execute(sql`insert into test_job_runs values (${job.id}, ${worker})`);
      };
      const a = createJobRunner({
        db: w.database.db,
        pollMs: 5,
        concurrency: 3,
        handlers: { 'test.race': handler(w.database.db, 'a') },
      });
      const b = createJobRunner({
        db: second.db,
        pollMs: 5,
        concurrency: 3,
        handlers: { 'test.race': handler(second.db, 'b') },
      });
      await Promise.all([a.drain(), b.drain()]);
      const rows = (await w.database.db.execute(
        sql`select job_id, count(*)::int n from test_job_runs group by job_id`,
      )) as unknown as {
        rows: { n: number }[];
      };
      expect(rows.rows).toHaveLength(N);
      expect(rows.rows.every((r) => r.n === 1)).toBe(true);
      const workers = (await w.database.db.execute(
        sql`select count(distinct worker)::int n from test_job_runs`,
      )) as unknown as {
        rows: { n: number }[];
      };
      expect(workers.rows[0]!.n).toBe(2);
    } finally {
      await second.close();
    }
  });
});
