// Platform benchmark: cold start of the server on an empty data directory, memory at
// idle, and GET /api/v1/me with a session under load (autocannon), on PGlite and PostgreSQL.
//   npm run bench -- [--engine pglite|postgres|both] [--seconds 10] [--connections 10] [--users 1000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engines = (args.get('engine') ?? 'both') === 'both' ? ['pglite', 'postgres'] : [args.get('engine')!];
const seconds = Number(args.get('seconds') ?? 10);
const connections = Number(args.get('connections') ?? 10);
const extraUsers = Number(args.get('users') ?? 1000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
};

async function waitHealthy(base: string) {
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function freshPgDatabase(): Promise<string> {
  const name = `guanxi_bench_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
  await c.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function run(engine: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    GUANXI_WEB_DIST: '/nonexistent',
    GUANXI_ADMIN_EMAIL: 'bench@guanxi.test',
    GUANXI_ADMIN_PASSWORD: 'Bench12345',
    GUANXI_ORG_NAME: '基准测试有限公司',
    DATABASE_URL: engine === 'postgres' ? await freshPgDatabase() : '',
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitHealthy(base);
  const coldStartMs = performance.now() - t0;

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@guanxi.test', password: 'Bench12345' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  // More users in the organisation, so the session lookup is not on a toy table.
  for (let i = 0; i < extraUsers; i += 1) {
    if (i % 200 === 0) process.stderr.write(`\r${engine}: creating users ${i}/${extraUsers}`);
    await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        name: `用户${i}`,
        email: `u${i}@bench.guanxi.test`,
        password: 'Passw0rd1',
        role: 'sales',
      }),
    });
  }
  process.stderr.write('\n');
  await new Promise((r) => setTimeout(r, 5000));
  const idleRss = rssMb(child.pid!);

  const result = await autocannon({
    url: `${base}/api/v1/me`,
    connections,
    duration: seconds,
    headers: { cookie },
  });
  const loadRss = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (env.DATABASE_URL) {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${new URL(env.DATABASE_URL).pathname.slice(1)} WITH (FORCE)`);
    await c.end();
  }
  return {
    engine,
    coldStartMs: Math.round(coldStartMs),
    idleRssMb: Math.round(idleRss),
    meReqPerSec: Math.round(result.requests.average),
    meP50Ms: result.latency.p50,
    meP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    rssUnderLoadMb: Math.round(loadRss),
  };
}

const results = [];
for (const e of engines) results.push(await run(e));
console.log(
  `\nGET /api/v1/me with a session, ${connections} connections, ${seconds}s, ${extraUsers} users in the org; ${os.cpus().length} cores`,
);
console.table(results);
