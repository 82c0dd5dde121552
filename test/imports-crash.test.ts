// kill -9 in the middle of a 100,000-row import, then resume: no partial batch, no duplicates,
// and created + updated + skipped + failed = rows in the file. The import runs in a child process
// (the command line), on the database the suite runs on.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../server/src/db/client.ts';
import { runMigrations } from '../server/src/db/migrate.ts';
import type { Database } from '../server/src/db/types.ts';
import { createOrganisation } from '../server/src/modules/orgs/index.ts';
import { freshDatabase, TEST_PG_URL } from './helpers/db.ts';
import { rows } from './helpers/db-state.ts';

const ROWS = 100_000;
let tmp: string;
let file: string;
let env: NodeJS.ProcessEnv;
let pgDatabase: (Database & { url?: string }) | undefined;

/** Opens the suite's database (PGlite: the directory the child used, once it is gone). */
async function open(): Promise<Database> {
  if (pgDatabase) return pgDatabase;
  const database = await openDatabase({ dataDir: path.join(tmp, 'pglite') });
  return database;
}
async function close(database: Database) {
  if (database !== pgDatabase) await database.close();
}

function cli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/import.ts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-crash-'));
  file = path.join(tmp, 'customers.csv');
  const lines = ['客户名称,客户编号,手机,省份'];
  for (let i = 1; i <= ROWS; i++) {
    // 1% invalid phones, 1% repeats of an earlier row's name (duplicates within the file).
    const name = i % 100 === 50 ? `崩溃测试${i - 7}号贸易有限公司` : `崩溃测试${i}号贸易有限公司`;
    const phone = i % 100 === 0 ? '12345' : `13${String(100_000_000 + i).slice(-9)}`;
    lines.push(`${name},K${i},${phone},浙江`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  env = { ...process.env, GUANXI_FILES_DIR: path.join(tmp, 'files'), LOG_LEVEL: 'error' };
  let database: Database;
  if (TEST_PG_URL) {
    pgDatabase = await freshDatabase();
    database = pgDatabase;
    env.DATABASE_URL = pgDatabase.url;
    delete env.DATA_DIR;
  } else {
    env.DATA_DIR = path.join(tmp, 'pglite');
    delete env.DATABASE_URL;
    database = await openDatabase({ dataDir: env.DATA_DIR });
    await runMigrations(database);
  }
  await createOrganisation(
    database.db,
    {
      name: '崩溃测试',
      adminName: '管理员',
      adminEmail: 'admin@crash.test',
      adminPassword: 'Admin12345',
      isInstanceAdmin: true,
    },
    new Date(),
  );
  await close(database);
}, 120_000);

afterAll(async () => {
  if (pgDatabase) await pgDatabase.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('survives kill -9 mid-import and resumes without duplicates or a partial batch', async () => {
  const first = cli(['--file', file, '--entity', 'customers', '--mode', 'skip-duplicates']);
  // Wait until a few batches are committed, then kill the process without warning.
  const deadline = Date.now() + 240_000;
  let id: string | undefined;
  while (Date.now() < deadline) {
    id ??= /Import ([0-9a-f-]{36})/.exec(first.output())?.[1];
    const done = [...first.output().matchAll(/ (\d+)\/100000/g)].map((m) => Number(m[1]));
    if (id && done.length && Math.max(...done) >= 6000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(id, first.output()).toBeDefined();
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();

  let database = await open();
  const stateAfterKill = async () => {
    const [imp] = await rows<{
      processed: number;
      counts: { created: number; updated: number; skipped: number; failed: number };
      status: string;
    }>(database.db, sql`select processed, counts, status from imports where id = ${id}`);
    const [batch] = await rows<{ rows_to: number; n: number }>(
      database.db,
      sql`select max(rows_to)::int as rows_to, count(*)::int as n from import_batches where import_id = ${id}`,
    );
    const [db] = await rows<{ customers: number; records: number; errors: number; names: number }>(
      database.db,
      sql`select (select count(*)::int from customers where name like '崩溃测试%') as customers,
        (select count(*)::int from import_records where import_id = ${id}) as records,
        (select count(*)::int from import_errors where import_id = ${id}) as errors,
        (select count(distinct name)::int from customers where name like '崩溃测试%') as names`,
    );
    return { imp: imp!, batch: batch!, db: db! };
  };
  const killed = await stateAfterKill();
  // Whole batches only: what is stored is exactly what the committed batches say.
  expect(killed.imp.status).toBe('running');
  expect(killed.batch.rows_to).toBe(killed.imp.processed);
  expect(killed.imp.processed).toBeGreaterThanOrEqual(6000);
  expect(killed.imp.processed).toBeLessThan(ROWS);
  const c = killed.imp.counts;
  expect(c.created + c.updated + c.skipped + c.failed).toBe(killed.imp.processed);
  expect(killed.db.customers).toBe(c.created);
  expect(killed.db.records).toBe(c.created);
  expect(killed.db.errors).toBe(c.failed + c.skipped);
  await close(database);

  const second = cli(['--resume', id!]);
  expect(await second.exited, second.output()).toBe(0);
  database = await open();
  const final = await stateAfterKill();
  expect(final.imp.status).toBe('done');
  expect(final.imp.processed).toBe(ROWS);
  const f = final.imp.counts;
  expect(f.created + f.updated + f.skipped + f.failed).toBe(ROWS);
  expect(f.failed).toBe(1000);
  expect(f.skipped).toBe(1000);
  expect(final.db.customers).toBe(f.created);
  expect(final.db.names).toBe(f.created);
  expect(final.db.records).toBe(f.created);
  expect(final.db.errors).toBe(2000);
  await close(database);
}, 600_000);
