// npm run restore -- <file>
// PGlite (no DATABASE_URL): loads a `npm run backup` tarball into a fresh DATA_DIR/pglite; the current
// database is kept as DATA_DIR/pglite.before-restore-<timestamp>. Refuses while a server holds DATA_DIR.
// PostgreSQL (DATABASE_URL): pg_restore of a custom-format dump, replacing the objects it contains,
// in one transaction. Stop the servers using that database first.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.ts';
import { APP_ROLE } from '../db/tenant.ts';
import { fail, fileTimestamp, lockDataDirOrFail, pgliteDir, runCli, runPgTool } from './backup-tools.ts';

const config = loadConfig();

type DumpKind = 'pglite-tarball' | 'pg-custom' | 'unknown';

function dumpKind(file: string): DumpKind {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite-tarball'; // gzip
  if (head.toString('latin1') === 'PGDMP') return 'pg-custom';
  return 'unknown';
}

async function restorePglite(file: string): Promise<void> {
  const release = lockDataDirOrFail(config.dataDir);
  try {
    const target = pgliteDir(config.dataDir);
    const ts = fileTimestamp();
    // Load into a new directory first: if the tarball is bad, the current database is untouched.
    const staging = `${target}.restoring-${ts}`;
    const bytes = fs.readFileSync(file);
    try {
      const db = await PGlite.create({
        dataDir: staging,
        loadDataDir: new Blob([bytes], { type: 'application/gzip' }),
      });
      try {
        await db.query('select 1');
        await db.exec('CHECKPOINT');
      } finally {
        await db.close();
      }
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      fail(`Could not load ${file} as a PGlite database: ${(e as Error).message}`);
    }
    if (fs.existsSync(target)) {
      const aside = `${target}.before-restore-${ts}`;
      fs.renameSync(target, aside);
      console.log(`The previous database was moved to ${aside} (delete it once you are happy).`);
    }
    fs.renameSync(staging, target);
    console.log(`Restored ${file} into ${target}.`);
  } finally {
    release();
  }
}

/** The dump grants rights to the application role, which lives outside the database (per server). */
async function ensureAppRole(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      'select exists (select 1 from pg_roles where rolname = $1) as exists',
      [APP_ROLE],
    );
    if (rows[0]?.exists) return;
    await client.query(
      `CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE; GRANT ${APP_ROLE} TO CURRENT_USER`,
    );
    console.log(`Created the role ${APP_ROLE}.`);
  } finally {
    await client.end();
  }
}

async function restorePostgres(url: string, file: string): Promise<void> {
  await ensureAppRole(url);
  console.log('Restoring into the DATABASE_URL database (its objects are replaced by those in the dump)…');
  await runPgTool('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--single-transaction',
    '--dbname',
    url,
    file,
  ]);
  console.log(`Restored ${file}.`);
}

runCli(async () => {
  const given = process.argv[2];
  if (!given) fail('Usage: npm run restore -- <backup file>');
  const file = path.resolve(given);
  if (!fs.existsSync(file)) fail(`${file} does not exist.`);
  const kind = dumpKind(file);
  if (config.databaseUrl) {
    if (kind === 'pglite-tarball') {
      fail(`${file} is a PGlite backup, but DATABASE_URL is set: unset it to restore into DATA_DIR.`);
    }
    await restorePostgres(config.databaseUrl, file);
  } else {
    if (kind === 'pg-custom') {
      fail(`${file} is a PostgreSQL dump: set DATABASE_URL to the database to restore it into.`);
    }
    if (kind !== 'pglite-tarball') fail(`${file} is not a backup made by \`npm run backup\` (not gzip).`);
    await restorePglite(file);
  }
  console.log('Start the server as usual; migrations newer than the backup are applied at start.');
});
