import { loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { firstRunFromEnv, openAndMigrate, startJobs } from './bootstrap.ts';
import { DataDirLockedError } from './db/lock.ts';

const started = performance.now();
const config = loadConfig();

async function main(): Promise<void> {
  let database;
  try {
    database = await openAndMigrate(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`guanxi: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp({ database, config, logger: { level: config.logLevel } });
  await firstRunFromEnv(database, config, app.log);
  const runner = config.runJobs ? startJobs(database, config, app.log) : undefined;
  await runner?.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000).unref();
    try {
      await app.close();
      await runner?.stop();
      await database.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      url: `http://localhost:${config.port}`,
      database: database.kind,
      startMs: Math.round(performance.now() - started),
    },
    'Guanxi is ready',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
