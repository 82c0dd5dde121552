import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEST_PG_URL = process.env.GUANXI_TEST_DATABASE_URL;

/** Runs `npm run backup|restore` the way npm does (tsx), without DATABASE_URL unless given. */
async function runCli(
  name: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string }> {
  const { DATABASE_URL: _ignored, ...baseEnv } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'server/src/cli', `${name}.ts`), ...args],
      { cwd: root, env: { ...baseEnv, ...env } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

async function withPglite<T>(dir: string, fn: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(dir);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const names = (db: PGlite) => db.query<{ name: string }>('select name from notes order by id');

describe.skipIf(TEST_PG_URL)('backup and restore on PGlite', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-backup-'));
    await withPglite(path.join(dataDir, 'pglite'), (db) =>
      db.exec(
        `create table notes (id int primary key, name text); insert into notes values (1, '关系 backed up')`,
      ),
    );
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to back up a data directory a running server holds', async () => {
    const lock = path.join(dataDir, 'guanxi.lock');
    fs.writeFileSync(lock, String(process.pid)); // this test process is alive, like a server would be
    try {
      const { code, out } = await runCli('backup', [], { DATA_DIR: dataDir });
      expect(code).toBe(1);
      expect(out).toContain(`in use by another Guanxi process (pid ${process.pid})`);
      expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
    } finally {
      fs.rmSync(lock);
    }
  });

  it('restores the data as it was at backup time and keeps the replaced database aside', async () => {
    const backup = await runCli('backup', [], { DATA_DIR: dataDir });
    expect(backup.code, backup.out).toBe(0);
    const [file] = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(file).toMatch(/^guanxi-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);

    await withPglite(path.join(dataDir, 'pglite'), (db) =>
      db.exec(`update notes set name = 'changed later'; insert into notes values (2, 'added later')`),
    );

    const restore = await runCli('restore', [path.join(dataDir, 'backups', file!)], { DATA_DIR: dataDir });
    expect(restore.code, restore.out).toBe(0);
    const restored = await withPglite(path.join(dataDir, 'pglite'), names);
    expect(restored.rows).toEqual([{ name: '关系 backed up' }]);

    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith('pglite.before-restore-'));
    expect(aside).toHaveLength(1);
    const previous = await withPglite(path.join(dataDir, aside[0]!), names);
    expect(previous.rows).toEqual([{ name: 'changed later' }, { name: 'added later' }]);
    expect(fs.existsSync(path.join(dataDir, 'guanxi.lock'))).toBe(false);
  });

  it('rejects a file that is not a backup and leaves the database alone', async () => {
    const bogus = path.join(dataDir, 'bogus.tar.gz');
    fs.writeFileSync(bogus, 'not a backup');
    const { code, out } = await runCli('restore', [bogus], { DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(out).toContain('is not a backup');
    expect((await withPglite(path.join(dataDir, 'pglite'), names)).rows).toHaveLength(1);
  });
});

describe.runIf(TEST_PG_URL)('backup and restore on PostgreSQL', () => {
  const dbName = `guanxi_test_backup_${process.pid}_${Date.now().toString(36)}`;
  let url: string;
  let dataDir: string;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>, connectionString = TEST_PG_URL): Promise<T> => {
    const c = new pg.Client({ connectionString });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-backup-pg-'));
    await admin((c) =>
      c.query(`CREATE DATABASE ${dbName} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`),
    );
    const u = new URL(TEST_PG_URL!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    await admin(
      (c) =>
        c.query(`create table notes (id int primary key, name text); insert into notes values (1, '关系')`),
      url,
    );
  });
  afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restores the rows a pg_dump backup holds', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: url };
    const backup = await runCli('backup', [], env);
    expect(backup.code, backup.out).toBe(0);
    const [file] = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(file).toMatch(/\.dump$/);
    await admin(
      (c) => c.query(`update notes set name = 'changed'; insert into notes values (2, 'later')`),
      url,
    );

    const restore = await runCli('restore', [path.join(dataDir, 'backups', file!)], env);
    expect(restore.code, restore.out).toBe(0);
    const { rows } = await admin((c) => c.query('select name from notes order by id'), url);
    expect(rows).toEqual([{ name: '关系' }]);
  });
});
