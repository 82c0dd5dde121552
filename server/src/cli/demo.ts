// npm run demo — fills the database with a realistic Chinese company (departments, teams, a
// user in every built-in role, 3,000 customers with contacts, a year of interactions, tasks and
// probable duplicates). Creates the organisation first on an empty database. Safe to rerun.
import { loadConfig } from '../config.ts';
import { openAndMigrate, jobHandlers } from '../bootstrap.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { createOrganisation, needsSetup } from '../modules/orgs/index.ts';
import { createJobRunner, enqueueJob, findJobById } from '../modules/jobs/index.ts';
import { withSystem } from '../db/tenant.ts';
import { orgs } from '../modules/orgs/orgs.table.ts';
import { DEMO_PASSWORD } from '../modules/setup/demo-data.ts';
import { demoDomain, type DemoSeedResult } from '../modules/setup/demo-seed.service.ts';
import { progressBar } from './progress.ts';

const config = loadConfig();

async function main() {
  const database = await openAndMigrate(config).catch((e) => {
    if (e instanceof DataDirLockedError) {
      console.error(
        `${e.message}\nStop the server first, or use "load demo data" in the web UI (Administration → Jobs).`,
      );
      process.exit(1);
    }
    throw e;
  });
  try {
    let orgId: string;
    if (await needsSetup(database.db)) {
      const adminEmail = config.firstRun.adminEmail ?? 'admin@demo.guanxi.test';
      const adminPassword = config.firstRun.adminPassword ?? DEMO_PASSWORD;
      ({ orgId } = await createOrganisation(
        database.db,
        {
          name: config.firstRun.orgName ?? '华东示例制造有限公司',
          adminName: '系统管理员',
          adminEmail,
          adminPassword,
          isInstanceAdmin: true,
        },
        new Date(),
      ));
      console.log(`Created the organisation; administrator: ${adminEmail} / ${adminPassword}`);
    } else {
      const [first] = await withSystem(database.db, (tx) =>
        tx.select({ id: orgs.id }).from(orgs).orderBy(orgs.createdAt).limit(1),
      );
      orgId = first!.id;
    }
    const bar = progressBar('Demo data');
    const runner = createJobRunner({
      db: database.db,
      handlers: {
        'demo.seed': async (job) =>
          jobHandlers(config)['demo.seed']!({
            ...job,
            progress: async (done, total, message) => {
              bar.update(done, total ?? undefined, message ?? undefined);
              await job.progress(done, total, message);
            },
          }),
      },
    });
    const id = await enqueueJob(database.db, { name: 'demo.seed', orgId, maxAttempts: 1 });
    await runner.drain(600_000);
    bar.done();
    const job = await findJobById(database.db, id);
    if (job?.status !== 'done') throw new Error(`demo data failed: ${job?.error}`);
    const result = job.result as DemoSeedResult;
    console.log(
      result.skipped
        ? 'Demo data was already loaded.'
        : `Loaded ${result.users} demo users, ${result.customers} customers, ${result.contacts} contacts, ${result.interactions} interactions and ${result.tasks} tasks. Sign in as e.g. zhang.wei@${demoDomain(orgId)} / ${DEMO_PASSWORD} (sales rep) or wang.jianguo@${demoDomain(orgId)} (manager).`,
    );
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
