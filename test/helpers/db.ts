import pg from 'pg';
import { openDatabase } from '../../server/src/db/client.ts';
import { runMigrations } from '../../server/src/db/migrate.ts';
import type { Database } from '../../server/src/db/types.ts';

/** Set GUANXI_TEST_DATABASE_URL to run the suite on PostgreSQL; otherwise in-memory PGlite. */
export const TEST_PG_URL = process.env.GUANXI_TEST_DATABASE_URL;
export const engine = TEST_PG_URL ? 'postgres' : 'pglite';

/** A fresh, migrated database: a new PGlite, or a new database on the PostgreSQL server. */
export async function freshDatabase(): Promise<Database> {
  if (!TEST_PG_URL) {
    const database = await openDatabase({});
    await runMigrations(database);
    return database;
  }
  const name = `guanxi_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await runMigrations(database);
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
    url: url.toString(),
  } as Database & { url: string };
}
