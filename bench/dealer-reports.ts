// Dealer monthly reports import benchmark (issue 6): 5,000 dealer customers × 12 products — one
// month, 60,000 rows — imported and checked end to end by the command line (the same code as the
// web's import job). The database holds the previous month's reports (opening checks) and one
// shipped order per dealer that month (sell-in reconciliation); 2% of rows do not balance,
// 1% differ from our shipments, 0.5% are bad (negative, unknown SKU).
//   npm run bench:dealer-reports -- --engine pg|pglite [--dealers 5000] [--keep 1]
// Goal: ≥ 20,000 rows/s on PostgreSQL for 60,000 rows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.ts';
import { runMigrations } from '../server/src/db/migrate.ts';
import { createOrganisation } from '../server/src/modules/orgs/index.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = args.get('engine') === 'pglite' ? 'pglite' : 'pg';
const DEALERS = Number(args.get('dealers') ?? 5000);
const PRODUCTS = 12;
const N = DEALERS * PRODUCTS;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-dealer-'));
fs.chmodSync(work, 0o755);
const dbName = `guanxi_bench_dealer_${DEALERS}`;
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

/** A deterministic pseudo-random stream (the same file every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const code = (d: number) => `DLR${String(d).padStart(5, '0')}`;
const sku = (p: number) => `SKU-${String(p).padStart(2, '0')}`;
// The previous month's closing and our shipment of dealer d, product p (what the database holds).
const prevClosing = (d: number, p: number) => 50 + ((d * 7 + p * 13) % 200);
const shipped = (d: number, p: number) => 10 + ((d * 3 + p * 5) % 90);

function writeCsv(file: string) {
  const r = rng(6);
  const lines = ['客户编码,产品编码,月份,期初库存,进货,销售,期末库存,品类总销量'];
  const months = ['2026-03', '2026/3', '2026年3月'];
  for (let d = 1; d <= DEALERS; d++)
    for (let p = 1; p <= PRODUCTS; p++) {
      const opening = prevClosing(d, p);
      let purchased = shipped(d, p);
      const sold = Math.floor(r() * (opening + purchased));
      let closing = opening + purchased - sold;
      const x = r();
      if (x < 0.02)
        closing += 1; // does not balance
      else if (x < 0.03) purchased += 5; // differs from our shipment (and so does not balance)
      const bad = x > 0.995;
      const skuText = bad && x > 0.9975 ? 'SKU-XX' : sku(p);
      const soldText = bad && x <= 0.9975 ? `-${sold}` : String(sold);
      const opText = r() < 0.5 ? String(opening) : ''; // half leave the opening to the previous closing
      lines.push(
        `${code(d)},${skuText},${months[(d + p) % 3]},${opText},${purchased},${soldText},${closing},${sold * 4}`,
      );
    }
  fs.writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
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
    child.on('exit', (c) =>
      c === 0 ? resolve({ ms: Date.now() - t, out }) : reject(new Error(`import exited ${c}: ${out}`)),
    );
  });
}

async function seed() {
  if (engine === 'pg') {
    await pgAdmin(`drop database if exists ${dbName} with (force)`);
    await pgAdmin(`create database ${dbName} encoding 'UTF8' locale 'C.UTF-8' template template0`);
  }
  const database = await openDatabase(
    engine === 'pg' ? { databaseUrl: pgUrl } : { dataDir: path.join(work, 'pglite') },
  );
  await runMigrations(database);
  const { orgId, userId: adminId } = await createOrganisation(
    database.db,
    {
      name: '进销存基准',
      adminName: '管理员',
      adminEmail: 'bench@guanxi.test',
      adminPassword: 'Bench12345',
      isInstanceAdmin: true,
    },
    new Date(),
  );
  const db = database.db;
  // Dealers, products, February's reports, and one order per dealer shipped in March.
  await db.execute(sql`insert into customers (org_id, id, kind, name, code, type, owner_id)
    select ${orgId}, gen_random_uuid(), 'company', '经销商' || d, 'DLR' || lpad(d::text, 5, '0'), 'dealer', ${adminId}
      from generate_series(1, ${DEALERS}) d`);
  await db.execute(sql`insert into products (org_id, id, sku, name)
    select ${orgId}, gen_random_uuid(), 'SKU-' || lpad(p::text, 2, '0'), '产品' || p from generate_series(1, ${PRODUCTS}) p`);
  await db.execute(sql`
    with c as (select id, substr(code, 4)::int d from customers where org_id = ${orgId}),
         p as (select id, substr(sku, 5)::int p from products where org_id = ${orgId})
    insert into dealer_reports (org_id, id, customer_id, product_id, month, opening_stock, purchased, sold, closing_stock)
    select ${orgId}, gen_random_uuid(), c.id, p.id, '2026-02-01', 0, 50 + ((c.d * 7 + p.p * 13) % 200), 0,
           50 + ((c.d * 7 + p.p * 13) % 200)
      from c cross join p`);
  await db.execute(sql`
    insert into orders (org_id, id, number, customer_id, status, owner_id)
    select org_id, id, 'SO-' || code, id, 'shipped', ${adminId} from customers where org_id = ${orgId}`);
  await db.execute(sql`
    with c as (select id, substr(code, 4)::int d from customers where org_id = ${orgId}),
         p as (select id, substr(sku, 5)::int p from products where org_id = ${orgId})
    insert into order_lines (org_id, id, order_id, position, product_id, name, quantity, unit_price, line_total, shipped_quantity)
    select ${orgId}, gen_random_uuid(), c.id, p.p, p.id, 'x', q, 100, q * 100, q
      from c cross join p cross join lateral (select 10 + ((c.d * 3 + p.p * 5) % 90) q) s`);
  await db.execute(sql`
    insert into shipments (org_id, id, order_id, carrier, tracking_number, shipped_at, lines)
    select o.org_id, gen_random_uuid(), o.id, '顺丰', 'SF' || o.number, '2026-03-15T02:00:00Z',
           (select jsonb_agg(jsonb_build_object('orderLineId', l.id, 'quantity', l.quantity::text))
              from order_lines l where l.org_id = o.org_id and l.order_id = o.id)
      from orders o where o.org_id = ${orgId}`);
  await db.execute(sql`analyze`);
  await database.close();
}

async function main() {
  log(`engine ${engine}, ${DEALERS} dealers × ${PRODUCTS} products = ${N} rows, work dir ${work}`);
  const csv = path.join(work, 'dealer-reports.csv');
  writeCsv(csv);
  log(`csv: ${(fs.statSync(csv).size / 1e6).toFixed(1)} MB`);
  await seed();
  log('seeded');
  const r = await runCli([
    '--file',
    csv,
    '--entity',
    'dealerReports',
    '--mode',
    'upsert',
    '--key',
    'customerProductMonth',
  ]);
  const rate = N / (r.ms / 1000);
  const counts = /created (\d+), updated (\d+), skipped (\d+), failed (\d+)/.exec(r.out);
  const rss = /peak RSS (\d+) MB/.exec(r.out)?.[1] ?? '?';
  log(`import: ${(r.ms / 1000).toFixed(1)} s, ${Math.round(rate)} rows/s — ${counts?.[0]}`);
  console.log(
    `\n| run (${engine}) | rows | time | rows/s | goal | peak RSS | outcome |\n|---|---|---|---|---|---|---|\n` +
      `| dealer reports CSV, upsert + checks | ${N.toLocaleString()} | ${(r.ms / 1000).toFixed(1)} s | ${Math.round(rate).toLocaleString()} | ≥ 20,000 | ${rss} MB | ${counts?.[0] ?? r.out.trim()} |`,
  );
  if (engine === 'pg' && !args.has('keep')) await pgAdmin(`drop database if exists ${dbName} with (force)`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
