// An import through the real server over HTTP: upload, run, and meanwhile ask for its progress
// twice a second — how long the answers take while the import writes (on PGlite, one connection,
// they wait between batches) and the server process's peak memory (VmHWM).
//   npm run bench:imports-http -- --engine pglite|pg [--rows N]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, login, rssMb, waitHealthy } from './customers-http.ts';
import { writeCsv } from './imports-data.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = args.get('engine') === 'pg' ? 'pg' : 'pglite';
const N = Number(args.get('rows') ?? 50_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-imph-'));
  const file = path.join(work, 'customers.csv');
  await writeCsv(file, N, 7_000_000);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(work, 'data'),
    GUANXI_ADMIN_EMAIL: 'bench@guanxi.test',
    GUANXI_ADMIN_PASSWORD: 'Bench12345',
    GUANXI_ORG_NAME: '导入基准',
    LOG_LEVEL: 'warn',
  };
  const dbName = `guanxi_bench_imph_${N}`;
  if (engine === 'pg') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.query(`create database ${dbName} encoding 'UTF8' locale 'C.UTF-8' template template0`);
    await c.end();
    env.DATABASE_URL = Object.assign(new URL(PG_URL), { pathname: `/${dbName}` }).toString();
  } else delete env.DATABASE_URL;
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env,
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(base);
    const s = await login(base, 'bench@guanxi.test', 'Bench12345');
    const form = new FormData();
    form.set('entity', 'customers');
    form.set('file', new Blob([fs.readFileSync(file)]), 'customers.csv');
    const started = Date.now();
    const up = await fetch(`${base}/api/v1/imports/uploads`, {
      method: 'POST',
      headers: s.headers,
      body: form,
    });
    if (up.status !== 201) throw new Error(`upload ${up.status} ${await up.text()}`);
    const { uploadId } = (await up.json()) as { uploadId: string };
    log(`uploaded and analysed in ${Date.now() - started} ms`);
    const run = await s.post('/api/v1/imports', { uploadId, mode: 'skip-duplicates' });
    const { id } = (await run.json()) as { id: string };
    const latencies: number[] = [];
    let status: { status: string; counts: Record<string, number>; progress: { processed: number } };
    for (;;) {
      const t = Date.now();
      status = (await (await s.get(`/api/v1/imports/${id}`)).json()) as typeof status;
      latencies.push(Date.now() - t);
      if (!['queued', 'running'].includes(status.status)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const secs = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    console.log(
      `\n${engine}, ${N} rows: ${status.status} in ${secs.toFixed(1)} s (${Math.round(N / secs)} rows/s, upload included); ` +
        `counts ${JSON.stringify(status.counts)}; progress answers p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${latencies[latencies.length - 1]} ms ` +
        `(${latencies.length} polls); server peak RSS ${rssMb(server.pid!, 'VmHWM')} MB`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    if (engine === 'pg') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
