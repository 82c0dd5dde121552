// npm run backup [-- <file>]
// PGlite (no DATABASE_URL): a gzipped tarball of DATA_DIR/pglite, taken while no server holds DATA_DIR.
// PostgreSQL (DATABASE_URL): pg_dump in custom format (restore with pg_restore, i.e. `npm run restore`).
// Default file: DATA_DIR/backups/guanxi-<timestamp>.tar.gz (PGlite) or .dump (PostgreSQL).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.ts';
import {
  fail,
  fileTimestamp,
  formatSize,
  hasPgliteDatabase,
  lockDataDirOrFail,
  pgliteDir,
  runCli,
  runPgTool,
} from './backup-tools.ts';

const config = loadConfig();

function outputFile(extension: string): string {
  const given = process.argv[2];
  const file = given
    ? path.resolve(given)
    : path.join(config.dataDir, 'backups', `guanxi-${fileTimestamp()}${extension}`);
  if (fs.existsSync(file)) fail(`${file} already exists; not overwriting it.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Writes beside the target and renames, so a half-written file never looks like a backup. */
async function writeAtomically(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    if (!fs.existsSync(partial)) fail(`Nothing was written to ${partial}.`);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

async function backupPglite(): Promise<string> {
  const dir = pgliteDir(config.dataDir);
  if (!hasPgliteDatabase(dir)) fail(`No PGlite database in ${dir} (DATA_DIR=${config.dataDir}).`);
  const release = lockDataDirOrFail(config.dataDir);
  try {
    const file = outputFile('.tar.gz');
    const db = await PGlite.create(dir);
    let dump: Blob;
    try {
      // Flush everything into the data files so the copy needs no WAL replay.
      await db.exec('CHECKPOINT');
      dump = await db.dumpDataDir('gzip');
    } finally {
      await db.close();
    }
    await writeAtomically(file, async (partial) => {
      fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    });
    return file;
  } finally {
    release();
  }
}

async function backupPostgres(url: string): Promise<string> {
  const file = outputFile('.dump');
  await writeAtomically(file, (partial) => runPgTool('pg_dump', ['--format=custom', '--file', partial, url]));
  return file;
}

runCli(async () => {
  const file = config.databaseUrl ? await backupPostgres(config.databaseUrl) : await backupPglite();
  const size = formatSize(fs.statSync(file).size);
  console.log(`Backup written: ${file} (${size}). Restore with: npm run restore -- ${file}`);
});
