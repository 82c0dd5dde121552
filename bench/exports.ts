// Export benchmark: N customers on PostgreSQL, loaded with COPY like bench/customers.ts does (the
// customers module's own stored fields, duplicate keys and search documents, from worker threads),
// then GET /customers/export over HTTP from the real server process for an administrator.
//   npm run bench:exports -- [--customers 200000] [--formats csv,xlsx] [--keep] [--reuse guanxi_bench_exports_200000]
// Reports rows/s, file size, time to first byte and the server's peak RSS (VmHWM) for each format.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { customerRecords, type GeneratedCustomer } from './customers-data.ts';
import { CUSTOMER_COLUMNS, KEY_COLUMNS, type ChunkCsv, type ChunkJob } from './customers-load.ts';
import { freePort, login, rssMb, waitHealthy } from './customers-http.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i]!.replace(/^--/, '');
  const value = process.argv[i + 1];
  if (value !== undefined && !value.startsWith('--')) {
    args.set(key, value);
    i++;
  } else args.set(key, '');
}
const N = Number(args.get('customers') ?? 200_000);
const formats = (args.get('formats') ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
const keep = args.has('keep');
const reuse = args.get('reuse');
const CHUNK = 5_000;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = reuse || `guanxi_bench_exports_${N}`;
const pgUrlOf = (name: string) => Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

async function admin(text: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
/** Healthy, or an error if the server process exits first (a start-up crash must not hang the bench). */
async function started(child: ChildProcess, base: string) {
  let onExit: (code: number | null) => void = () => {};
  const exited = new Promise<never>((_, reject) => {
    onExit = (code) => reject(new Error(`server exited with ${code} before it was healthy`));
    child.once('exit', onExit);
  });
  try {
    await Promise.race([waitHealthy(base), exited]);
  } finally {
    child.off('exit', onExit);
  }
}
/** CPU seconds a process has used (user + system): a figure the machine's other load disturbs less. */
const cpuSeconds = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Customers and their duplicate keys with COPY, secondary indexes rebuilt afterwards. */
async function load(workDir: string) {
  const c = new pg.Client({ connectionString: pgUrlOf(dbName) });
  await c.connect();
  const q = (t: string) => c.query(t);
  const [org] = (await q(`select id from orgs limit 1`)).rows;
  const users = (await q(`select id, email from users order by email`)).rows as {
    id: string;
    email: string;
  }[];
  const adminId = users.find((u) => u.email === 'bench@guanxi.test')!.id;
  const ownerIds = users.filter((u) => u.email.startsWith('sales')).map((u) => u.id);
  await q(`set session_replication_role = replica`);
  const { rows: idx } = await q(
    `select i.indexname, i.indexdef from pg_indexes i where i.schemaname = 'public'
       and i.tablename in ('customers', 'customer_keys')
       and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`,
  );
  for (const r of idx) await q(`drop index "${r.indexname}"`);
  await q(`create unlogged table stage_customers (like customers including defaults);
    alter table stage_customers drop column search_tsv, add column doc_main text, add column doc_phones text, add column doc_emails text`);
  const plain = CUSTOMER_COLUMNS.filter((col) => !col.startsWith('doc_'));
  const move = `insert into customers (${plain.join(',')}, search_tsv) select ${plain.join(',')},
    setweight(to_tsvector('simple', doc_main), 'A') || setweight(to_tsvector('simple', doc_phones), 'B')
    || setweight(to_tsvector('simple', doc_emails), 'C') from stage_customers; truncate stage_customers`;
  let n = 0;
  const copy = async (table: string, columns: readonly string[], csv: string) => {
    const file = path.join(workDir, `chunk-${n++ % 4}.csv`);
    fs.writeFileSync(file, csv, { mode: 0o644 });
    await q(`COPY ${table} (${columns.join(',')}) FROM '${file}' (FORMAT csv)`);
  };
  const workers = Array.from(
    { length: 2 },
    () => new Worker(new URL('./customers-worker.mjs', import.meta.url)),
  );
  const gen = customerRecords(1);
  let next = 0;
  const now = Date.now();
  const makeJob = (): ChunkJob | null => {
    if (next >= N) return null;
    const records: GeneratedCustomer[] = [];
    const start = next;
    for (; next < N && records.length < CHUNK; next++) records.push(gen.next().value as GeneratedCustomer);
    const orgId = String(org!.id);
    return {
      start,
      records,
      orgId,
      ownerIds,
      adminId,
      now,
      contactsPerCustomer: 0,
      interactionsPerCustomer: 0,
    };
  };
  const run = (w: Worker, job: ChunkJob) =>
    new Promise<ChunkCsv>((resolve, reject) => {
      w.once('error', reject);
      w.once('message', (m: ChunkCsv) => {
        w.off('error', reject);
        resolve(m);
      });
      w.postMessage(job);
    });
  const t0 = performance.now();
  let queue = Promise.resolve();
  await Promise.all(
    workers.map(async (w) => {
      for (let job = makeJob(); job; job = makeJob()) {
        const csv = await run(w, job);
        queue = queue.then(async () => {
          await copy('stage_customers', CUSTOMER_COLUMNS, csv.customers);
          await q(move);
          await copy('customer_keys', KEY_COLUMNS, csv.keys);
          if ((csv.start + CHUNK) % 50_000 === 0) log(`loaded ${csv.start + CHUNK}/${N}`);
        });
        await queue;
      }
    }),
  );
  await Promise.all(workers.map((w) => w.terminate()));
  await q(`drop table stage_customers; set session_replication_role = origin`);
  for (const r of idx) await q(r.indexdef);
  await q('vacuum analyze');
  await c.end();
  return (performance.now() - t0) / 1000;
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-exports-'));
  fs.chmodSync(workDir, 0o755); // the PostgreSQL server reads the CSV chunks itself
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: path.join(workDir, 'data'),
    LOG_LEVEL: 'warn',
    GUANXI_WEB_DIST: '/nonexistent',
    GUANXI_ADMIN_EMAIL: 'bench@guanxi.test',
    GUANXI_ADMIN_PASSWORD: 'Bench12345',
    GUANXI_ORG_NAME: '基准测试有限公司',
    DATABASE_URL: pgUrlOf(dbName),
  };
  let child: ChildProcess | undefined;
  try {
    if (!reuse) {
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${dbName} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
      child = startServer(env);
      await started(child, base);
      const s = await login(base, 'bench@guanxi.test', 'Bench12345');
      for (let i = 0; i < 50; i++) {
        const res = await s.post('/api/v1/users', {
          name: `销售${i}`,
          email: `sales${i}@bench.guanxi.test`,
          password: 'Passw0rd1',
          role: 'sales',
        });
        if (res.status !== 201) throw new Error(`user: ${res.status} ${await res.text()}`);
      }
      await stopServer(child);
      child = undefined;
      log(`loading ${N} customers`);
      log(`loaded in ${(await load(workDir)).toFixed(0)} s`);
    }

    child = startServer(env);
    await started(child, base);
    const session = await login(base, 'bench@guanxi.test', 'Bench12345');
    const results = [];
    for (const format of formats) {
      const rssBefore = rssMb(child.pid!);
      const cpu0 = cpuSeconds(child.pid!);
      const t0 = performance.now();
      const res = await session.get(`/api/v1/customers/export?format=${format}`);
      if (!res.ok) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
      let firstByteS = 0;
      let bytes = 0;
      let lines = 0;
      let peakRss = 0;
      const reader = res.body!.getReader();
      for (let i = 0; ; i++) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!bytes) firstByteS = (performance.now() - t0) / 1000;
        bytes += value.length;
        if (format === 'csv') for (const b of value) if (b === 0x0a) lines++;
        if (i % 200 === 0) peakRss = Math.max(peakRss, rssMb(child.pid!));
      }
      const seconds = (performance.now() - t0) / 1000;
      const rows = Number(res.headers.get('x-export-rows'));
      if (format === 'csv' && lines - 1 !== rows)
        throw new Error(`csv has ${lines - 1} rows, expected ${rows}`);
      results.push({
        format,
        rows,
        seconds: Number(seconds.toFixed(2)),
        'rows/s': Math.round(rows / seconds),
        'server CPU s': Number((cpuSeconds(child.pid!) - cpu0).toFixed(2)),
        MB: Number((bytes / 1e6).toFixed(1)),
        'first byte s': Number(firstByteS.toFixed(2)),
        'RSS before MB': Math.round(rssBefore),
        'RSS peak during MB': Math.round(Math.max(peakRss, rssMb(child.pid!))),
        'VmHWM MB': Math.round(rssMb(child.pid!, 'VmHWM')),
      });
      log(results.at(-1));
    }
    console.log(
      `\nexport of ${N} customers on PostgreSQL over HTTP; ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.table(results);
  } finally {
    if (child) await stopServer(child);
    fs.rmSync(workDir, { recursive: true, force: true });
    if (keep || reuse) log(`kept database ${dbName}`);
    else await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

await main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
