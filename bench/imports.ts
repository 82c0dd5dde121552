// Import benchmark: a generated customers file (Chinese names, phones, addresses; 2% duplicates,
// 1% invalid rows) imported end to end by the command line — the same code as the web's import
// job — next to a raw PostgreSQL COPY of the same rows into a plain table (the physical limit).
//   npm run bench:imports -- --engine pg|pglite [--rows N] [--formats csv,xlsx] [--upsert 1]
// Prints rows/s, the ratio to COPY and the importing process's peak RSS for each run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../server/src/db/client.ts';
import { runMigrations } from '../server/src/db/migrate.ts';
import { createOrganisation } from '../server/src/modules/orgs/index.ts';
import { writeCsv, writeXlsx } from './imports-data.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = args.get('engine') === 'pglite' ? 'pglite' : 'pg';
const N = Number(args.get('rows') ?? (engine === 'pg' ? 1_000_000 : 100_000));
const formats = (args.get('formats') ?? 'csv').split(',');
const upsert = args.has('upsert');
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-imp-'));
fs.chmodSync(work, 0o755);
const dbName = `guanxi_bench_imp_${N}`;
const pgUrl = Object.assign(new URL(PG_URL), { pathname: `/${dbName}` }).toString();

async function pgAdmin(text: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** COPY of the same rows into a plain table with the file's columns: what the disk and server can take. */
async function copyBaseline(file: string): Promise<number> {
  const ddl = `create table bench_copy (name text, code text, phone text, province text, city text, address text, email text, tags text)`;
  if (engine === 'pg') {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(ddl);
    const t = Date.now();
    await c.query(`copy bench_copy from '${file}' (format csv, header true)`);
    const ms = Date.now() - t;
    await c.query('drop table bench_copy');
    await c.end();
    return ms;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(work, 'pglite'));
  await db.exec(ddl);
  const blob = new Blob([fs.readFileSync(file)]);
  const t = Date.now();
  await db.query(`copy bench_copy from '/dev/blob' (format csv, header true)`, [], { blob });
  const ms = Date.now() - t;
  await db.exec('drop table bench_copy');
  await db.close();
  return ms;
}

function runCli(cliArgs: string[]): Promise<{ ms: number; out: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GUANXI_FILES_DIR: path.join(work, 'files'),
    LOG_LEVEL: 'error',
  };
  if (engine === 'pg') env.DATABASE_URL = pgUrl;
  else {
    env.DATA_DIR = path.join(work, 'pglite');
    delete env.DATABASE_URL;
  }
  const t = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/import.ts', ...cliArgs], {
      env,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.on('exit', (code) =>
      code === 0 ? resolve({ ms: Date.now() - t, out }) : reject(new Error(`import exited ${code}: ${out}`)),
    );
  });
}

async function main() {
  log(`engine ${engine}, ${N} rows, work dir ${work}`);
  const csv = path.join(work, 'customers.csv');
  await writeCsv(csv, N, 0);
  log(`csv: ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB`);
  if (engine === 'pg') {
    await pgAdmin(`drop database if exists ${dbName} with (force)`);
    await pgAdmin(`create database ${dbName} encoding 'UTF8' locale 'C.UTF-8' template template0`);
  }
  const database = await openDatabase(
    engine === 'pg' ? { databaseUrl: pgUrl } : { dataDir: path.join(work, 'pglite') },
  );
  await runMigrations(database);
  await createOrganisation(
    database.db,
    {
      name: '导入基准',
      adminName: '管理员',
      adminEmail: 'bench@guanxi.test',
      adminPassword: 'Bench12345',
      isInstanceAdmin: true,
    },
    new Date(),
  );
  await database.close();

  const copyMs = await copyBaseline(csv);
  const copyRate = N / (copyMs / 1000);
  log(`COPY: ${copyMs} ms`);
  const results: string[] = [
    `| COPY into a plain table (baseline) | ${N.toLocaleString()} | ${(copyMs / 1000).toFixed(1)} s | ${Math.round(copyRate).toLocaleString()} | 1 | — |`,
  ];
  const report = (label: string, ms: number, out: string) => {
    const rate = N / (ms / 1000);
    const rss = /peak RSS (\d+) MB/.exec(out)?.[1] ?? '?';
    const counts = /created (\d+), updated (\d+), skipped (\d+), failed (\d+)/.exec(out);
    log(
      `${label}: ${(ms / 1000).toFixed(1)} s, ${Math.round(rate)} rows/s, peak RSS ${rss} MB — ${counts?.[0]}`,
    );
    results.push(
      `| ${label} | ${N.toLocaleString()} | ${(ms / 1000).toFixed(1)} s | ${Math.round(rate).toLocaleString()} | 1/${Math.round(copyRate / rate)} | ${rss} MB |`,
    );
  };
  if (formats.includes('csv')) {
    const r = await runCli(['--file', csv, '--entity', 'customers', '--mode', 'skip-duplicates']);
    report('CSV UTF-8, create (skip duplicates)', r.ms, r.out);
    if (upsert) {
      const u = await runCli(['--file', csv, '--entity', 'customers', '--mode', 'upsert', '--key', 'code']);
      report('CSV UTF-8, upsert by code against the same rows', u.ms, u.out);
    }
  }
  if (formats.includes('xlsx')) {
    const xlsx = path.join(work, 'customers.xlsx');
    await writeXlsx(xlsx, N, 5_000_000);
    log(`xlsx: ${(fs.statSync(xlsx).size / 1e6).toFixed(1)} MB`);
    const r = await runCli(['--file', xlsx, '--entity', 'customers', '--mode', 'skip-duplicates']);
    report('XLSX, create (skip duplicates)', r.ms, r.out);
  }
  console.log(
    `\n| run (${engine}) | rows | time | rows/s | vs COPY | peak RSS |\n|---|---|---|---|---|---|\n${results.join('\n')}`,
  );
  if (engine === 'pg' && !args.has('keep')) await pgAdmin(`drop database if exists ${dbName} with (force)`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
