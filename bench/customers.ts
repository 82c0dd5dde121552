// Customer-archive benchmark: a million customers on PostgreSQL (100k on PGlite), loaded with
// COPY as the app would have stored them, then the real HTTP server under autocannon.
//   npm run bench:customers -- --engine pg|pglite [--customers N] [--seconds 10] [--connections 10]
// Rows come from bench/customers-data.ts; search documents and duplicate keys are computed in
// worker threads with the customers module's own functions (bench/customers-load.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { customerRecords, type GeneratedCustomer } from './customers-data.ts';
import type { ChunkCsv, ChunkJob } from './customers-load.ts';
import {
  ACTIVITY_COLUMNS,
  CONTACT_COLUMNS,
  CUSTOMER_COLUMNS,
  INTERACTION_COLUMNS,
  KEY_COLUMNS,
} from './customers-load.ts';
import { freePort, login, rssMb, scenarios, waitHealthy, type Session } from './customers-http.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = args.get('engine') === 'pglite' ? 'pglite' : 'pg';
const N = Number(args.get('customers') ?? (engine === 'pg' ? 1_000_000 : 100_000));
const seconds = Number(args.get('seconds') ?? 10);
const connections = Number(args.get('connections') ?? 10);
const workersN = Number(args.get('workers') ?? 2);
const keep = args.has('keep');
/** Measure again on a kept database (PostgreSQL) or directory (PGlite), without loading. */
const reuse = args.get('reuse');
const CHUNK = 5_000;
const SALES_USERS = 50;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

interface Sql {
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  copy(table: string, columns: readonly string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

const dbName = engine === 'pg' && reuse ? reuse : `guanxi_bench_${N}`;
const workDir =
  engine === 'pglite' && reuse ? reuse : fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-'));
fs.chmodSync(workDir, 0o755); // the PostgreSQL server reads the CSV files itself
const pgUrlOf = (name: string) => Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();

async function admin(text: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function openSql(): Promise<Sql> {
  if (engine === 'pg') {
    const c = new pg.Client({ connectionString: pgUrlOf(dbName) });
    c.on('error', (e) => log('loader connection:', e.message));
    await c.connect();
    let n = 0;
    return {
      query: (t) => c.query(t),
      copy: async (table, columns, csv) => {
        const file = path.join(workDir, `chunk-${n++ % 4}.csv`);
        fs.writeFileSync(file, csv, { mode: 0o644 });
        await c.query(`COPY ${table} (${columns.join(',')}) FROM '${file}' (FORMAT csv)`);
      },
      close: () => c.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(path.join(workDir, 'data', 'pglite'));
  return {
    // exec: simple protocol, several statements in one string (query() prepares a single one).
    query: async (t) => {
      const results = await db.exec(t);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    copy: async (table, columns, csv) => {
      await db.query(`COPY ${table} (${columns.join(',')}) FROM '/dev/blob' (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
    close: () => db.close(),
  };
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Indexes that no constraint needs: dropped for the load, rebuilt after (as CREATE INDEX). */
async function dropIndexes(db: Sql, tables: string[]): Promise<string[]> {
  const { rows } = await db.query(
    `select i.indexname, i.indexdef from pg_indexes i
       where i.schemaname = 'public' and i.tablename in (${tables.map((t) => `'${t}'`).join(',')})
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const r of rows) await db.query(`drop index "${String(r.indexname)}"`);
  return rows.map((r) => String(r.indexdef));
}

async function load(db: Sql, orgId: string, adminId: string, ownerIds: string[]) {
  await db.query(`set session_replication_role = replica`); // no FK triggers during the load
  const indexDefs = await dropIndexes(db, ['customers', 'customer_keys', 'contacts', 'interactions']);
  for (const [stage, table] of [
    ['stage_customers', 'customers'],
    ['stage_contacts', 'contacts'],
  ])
    await db.query(
      `create unlogged table ${stage} (like ${table} including defaults);
       alter table ${stage} drop column search_tsv, add column doc_main text, add column doc_phones text, add column doc_emails text`,
    );
  const moveSql = (stage: string, table: string, cols: readonly string[]) => {
    const plain = cols.filter((c) => !c.startsWith('doc_'));
    return `insert into ${table} (${plain.join(',')}, search_tsv) select ${plain.join(',')},
      setweight(to_tsvector('simple', doc_main), 'A') || setweight(to_tsvector('simple', doc_phones), 'B')
      || setweight(to_tsvector('simple', doc_emails), 'C') from ${stage}; truncate ${stage}`;
  };

  const workers = Array.from(
    { length: workersN },
    () => new Worker(new URL('./customers-worker.mjs', import.meta.url)),
  );
  const now = Date.now();
  const gen = customerRecords(1);
  let next = 0;
  const makeJob = (): ChunkJob | null => {
    if (next >= N) return null;
    const records: GeneratedCustomer[] = [];
    const start = next;
    for (; next < N && records.length < CHUNK; next++) records.push(gen.next().value as GeneratedCustomer);
    return {
      start,
      records,
      orgId,
      ownerIds,
      adminId,
      now,
      contactsPerCustomer: 3,
      interactionsPerCustomer: 5,
    };
  };
  const run = (w: Worker, job: ChunkJob) =>
    new Promise<ChunkCsv>((resolve, reject) => {
      const fail = (e: Error) => reject(e);
      w.once('error', fail);
      w.once('message', (m: ChunkCsv) => {
        w.off('error', fail);
        resolve(m);
      });
      w.postMessage(job);
    });
  const t0 = performance.now();
  let rows = 0;
  let copyMs = 0;
  // Each worker computes its next chunk while the previous one is copied in.
  let queue = Promise.resolve();
  await Promise.all(
    workers.map(async (w) => {
      for (let job = makeJob(); job; job = makeJob()) {
        const csv = await run(w, job);
        queue = queue.then(async () => {
          const c0 = performance.now();
          await db.copy('stage_customers', CUSTOMER_COLUMNS, csv.customers);
          await db.query(moveSql('stage_customers', 'customers', CUSTOMER_COLUMNS));
          await db.copy('customer_keys', KEY_COLUMNS, csv.keys);
          await db.copy('stage_contacts', CONTACT_COLUMNS, csv.contacts);
          await db.query(moveSql('stage_contacts', 'contacts', CONTACT_COLUMNS));
          await db.copy('interactions', INTERACTION_COLUMNS, csv.interactions);
          await db.copy('customer_activity', ACTIVITY_COLUMNS, csv.activity);
          copyMs += performance.now() - c0;
          rows += csv.rows;
          const s = (performance.now() - t0) / 1000;
          log(
            `loaded ${csv.start + job.records.length}/${N} customers, ${rows} rows, ${Math.round(rows / s)} rows/s`,
          );
        });
        await queue;
      }
    }),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  const loadS = (performance.now() - t0) / 1000;
  await db.query(
    `drop table stage_customers; drop table stage_contacts; set session_replication_role = origin`,
  );
  const i0 = performance.now();
  for (const def of indexDefs) await db.query(def);
  const indexS = (performance.now() - i0) / 1000;
  const a0 = performance.now();
  await db.query(engine === 'pg' ? 'vacuum analyze' : 'analyze');
  const analyzeS = (performance.now() - a0) / 1000;
  return { rows, loadS, copyS: copyMs / 1000, indexS, analyzeS, rowsPerS: Math.round(rows / loadS) };
}

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  if (engine === 'pg' && !reuse) {
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${dbName} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: path.join(workDir, 'data'),
    LOG_LEVEL: 'warn',
    GUANXI_WEB_DIST: '/nonexistent',
    GUANXI_ADMIN_EMAIL: 'bench@guanxi.test',
    GUANXI_ADMIN_PASSWORD: 'Bench12345',
    GUANXI_ORG_NAME: '基准测试有限公司',
    DATABASE_URL: engine === 'pg' ? pgUrlOf(dbName) : '',
  };
  let child: ChildProcess | undefined;
  try {
    // 1. Migrate and create the organisation, the admin and 50 sales reps through the real server.
    if (!reuse) child = startServer(env);
    if (child) await waitHealthy(base);
    const adminSession = child ? await login(base, 'bench@guanxi.test', 'Bench12345') : null;
    for (let i = 0; adminSession && i < SALES_USERS; i++) {
      const res = await adminSession.post('/api/v1/users', {
        name: `销售${i}`,
        email: `sales${i}@bench.guanxi.test`,
        password: 'Passw0rd1',
        role: 'sales',
      });
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`user: ${res.status} ${await res.text()}`);
    }
    if (child) await stopServer(child);
    child = undefined;

    // 2. Load with COPY while the server is down (PGlite has one process).
    const db = await openSql();
    const [org] = (await db.query(`select id from orgs limit 1`)).rows;
    const users = (await db.query(`select id, email from users order by email`)).rows;
    const adminId = String(users.find((u) => u.email === 'bench@guanxi.test')!.id);
    const ownerIds = users.filter((u) => String(u.email).startsWith('sales')).map((u) => String(u.id));
    log(`loading ${N} customers into ${engine} with ${workersN} workers`);
    const loaded = reuse
      ? { rows: 0, loadS: 0, copyS: 0, indexS: 0, analyzeS: 0, rowsPerS: 0 }
      : await load(db, String(org!.id), adminId, ownerIds);
    log('load', loaded);
    const sizes = (
      await db.query(
        `select relname, pg_size_pretty(pg_total_relation_size(oid)) size from pg_class
          where relname in ('customers','contacts','interactions','customer_keys') order by relname`,
      )
    ).rows;
    const salesOwner = ownerIds[0]!;
    const pick = async (where: string) =>
      (await db.query(`select id from customers where ${where} order by random() limit 200`)).rows.map((r) =>
        String(r.id),
      );
    const adminIds = await pick('true');
    const salesIds = await pick(`owner_id = '${salesOwner}'`);
    const [phoneRow] = (
      await db.query(
        `select phones[1] p from customers where owner_id = '${salesOwner}' order by random() limit 1`,
      )
    ).rows;
    const salesEmail = String(users.find((u) => u.id === salesOwner)!.email);
    await db.close();

    // 3. Serve and measure.
    child = startServer(env);
    const s0 = performance.now();
    await waitHealthy(base);
    const startS = (performance.now() - s0) / 1000;
    const sessions: [string, Session, string[]][] = [
      ['admin', await login(base, 'bench@guanxi.test', 'Bench12345'), adminIds],
      ['sales', await login(base, salesEmail, 'Passw0rd1'), salesIds],
    ];
    const phoneFragment = String(phoneRow?.p ?? '13800138000')
      .replace(/\D/g, '')
      .slice(-4);
    const results = [];
    for (const [who, session, ids] of sessions)
      results.push(...(await scenarios(base, who, session, ids, phoneFragment, { seconds, connections })));
    const peakRss = rssMb(child.pid!, 'VmHWM');
    console.log(
      `\n${engine}: ${N} customers, ${loaded.rows} rows; ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(
      `load ${loaded.loadS.toFixed(0)} s (${loaded.rowsPerS} rows/s, COPY+move ${loaded.copyS.toFixed(0)} s), indexes ${loaded.indexS.toFixed(0)} s, analyze ${loaded.analyzeS.toFixed(0)} s, server start ${startS.toFixed(1)} s, peak RSS ${Math.round(peakRss)} MB`,
    );
    console.table(sizes);
    console.table(results);
  } finally {
    if (child) await stopServer(child);
    // On PostgreSQL the directory only holds the CSV chunks; on PGlite it is the database.
    if (engine === 'pg' || !keep) fs.rmSync(workDir, { recursive: true, force: true });
    if (keep) log(`kept ${engine === 'pg' ? dbName : workDir}`);
    else if (engine === 'pg') await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

await main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
