import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.ts';
import { runMigrations } from '../server/src/db/migrate.ts';
import { withTenant } from '../server/src/db/tenant.ts';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { Client, createOrg, setupInstance } from './helpers/app.ts';
import { TEST_PG_URL } from './helpers/db.ts';

// Managed PostgreSQL hands out an owner that is neither superuser nor BYPASSRLS.
describe.runIf(TEST_PG_URL)('on PostgreSQL with a plain (non-superuser) schema owner', () => {
  it('migrates, signs in, and still keeps tenants apart', async () => {
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    const role = 'guanxi_owner_test';
    const dbName = `guanxi_test_owner_${Date.now().toString(36)}`;
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS;
      END IF; END $$`);
    await admin.query(
      `CREATE DATABASE ${dbName} OWNER ${role} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`,
    );
    const url = new URL(TEST_PG_URL!);
    url.username = role;
    url.pathname = `/${dbName}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
    try {
      await runMigrations(database);
      const app = await buildApp({ database, config: loadConfig({ GUANXI_WEB_DIST: '/nonexistent' }) });
      await app.ready();
      const a = await setupInstance(app, '甲公司', 'owner-a@test.cn');
      const b = await createOrg(app, a, '乙公司', 'owner-b@test.cn');
      expect(
        (await a.post('/api/v1/users', { name: '甲', email: 'x@a.cn', password: 'Passw0rd1', role: 'sales' }))
          .statusCode,
      ).toBe(201);
      expect((await b.get('/api/v1/users')).json().total).toBe(1);
      const relogin = new Client(app);
      expect((await relogin.login('x@a.cn', 'Passw0rd1')).statusCode).toBe(200);
      const orgA = (await a.get('/api/v1/me')).json().orgId;
      const seen = await withTenant(database.db, orgA, (tx) =>
        tx.execute(sql`select count(*)::int as n from users`),
      );
      expect((seen as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
      await app.close();
    } finally {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  });
});
