// Shared by `npm run backup` and `npm run restore`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError, lockDataDir } from '../db/lock.ts';

/** 2026-11-23T08-15-30Z: sortable, and safe in file names on every OS. */
export function fileTimestamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

export function hasPgliteDatabase(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/** An error whose message is all the user needs (no stack trace). */
export class CliError extends Error {}

export function fail(message: string): never {
  throw new CliError(message);
}

/** Runs a CLI's main function: a CliError prints its message, anything else its stack; both exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e instanceof CliError ? e.message : e);
    process.exitCode = 1;
  });
}

/** Locks DATA_DIR like the server does, so a running server's PGlite is never copied or replaced under it. */
export function lockDataDirOrFail(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(e.message);
    throw e;
  }
}

/** Runs a PostgreSQL client tool (pg_dump, pg_restore) with inherited output; throws a CliError on failure. */
export async function runPgTool(command: string, args: string[]): Promise<void> {
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new CliError(
          e.code === 'ENOENT'
            ? `${command} not found. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client).`
            : `${command}: ${e.message}`,
        ),
      );
    });
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) fail(`${command} failed (exit ${code}).`);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
