// Lead assignment benchmark: an organisation with 50 reps in 5 teams, 6 ordered rules, 2,000 existing
// customers (5% of the leads match one of them by phone) and N unassigned imported leads, inserted with
// one generate_series INSERT. Then assignLeads runs over them in import-sized batches (one transaction
// each, as an import's batches), and the bench prints leads/s and how the leads were spread.
//   npm run bench:lead-assignment -- --engine pg|pglite [--leads N] [--batch 10000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.ts';
import { runMigrations } from '../server/src/db/migrate.ts';
import { withTenant } from '../server/src/db/tenant.ts';
import { createOrganisation } from '../server/src/modules/orgs/index.ts';
import { assignLeads } from '../server/src/modules/leads/lead-assignment.service.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = args.get('engine') === 'pglite' ? 'pglite' : 'pg';
const N = Number(args.get('leads') ?? 100_000);
const BATCH = Number(args.get('batch') ?? 10_000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-leads-'));
const dbName = `guanxi_bench_leads_${N}`;
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

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);

async function main() {
  if (engine === 'pg') {
    await pgAdmin(`drop database if exists ${dbName} with (force)`);
    await pgAdmin(`create database ${dbName}`);
  }
  const database = await openDatabase(
    engine === 'pg' ? { databaseUrl: pgUrl } : { dataDir: path.join(work, 'pglite') },
  );
  await runMigrations(database);
  const { orgId } = await createOrganisation(
    database.db,
    { name: '线索分配基准', adminEmail: 'bench@guanxi.test', adminPassword: 'Bench12345' },
    new Date(),
  );
  const db = database.db;
  log(`${engine}: generating 50 reps, 6 rules, 2,000 customers, ${N.toLocaleString()} leads`);
  await withTenant(db, orgId, async (tx) => {
    await tx.execute(sql`
      insert into teams (org_id, id, name)
      select ${orgId}, ('00000000-0000-4000-8000-00000000000' || t)::uuid, '第' || t || '组' from generate_series(1, 5) t`);
    await tx.execute(sql`
      insert into users (org_id, id, name, email, password_hash, role_id, team_id)
      select ${orgId}, ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '销售' || i, 'rep' || i || '@bench.test', 'x',
        (select id from roles where org_id = ${orgId} and key = 'sales'),
        ('00000000-0000-4000-8000-00000000000' || (1 + (i - 1) / 10))::uuid
      from generate_series(1, 50) i`);
    const team = (t: number) => `00000000-0000-4000-8000-00000000000${t}`;
    const rep = (i: number) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    const rules: [string, string, Record<string, string[]>, string[], string | null][] = [
      ['德语区', 'region', { countries: ['DE', 'AT', 'CH'] }, [], team(1)],
      ['美国', 'region', { countries: ['US'] }, [], team(2)],
      ['家具', 'productLine', { productLines: ['furniture'] }, [rep(21), rep(22), rep(23)], null],
      ['西语', 'language', { languages: ['es'] }, [rep(24), rep(25)], null],
      ['广交会', 'channel', { channels: ['tradeFair'], campaigns: ['第138届广交会'] }, [], team(4)],
      ['其余轮流', 'roundRobin', {}, [], team(5)],
    ];
    for (const [i, [name, kind, match, assignees, teamId]] of rules.entries())
      await tx.execute(sql`
        insert into lead_rules (org_id, id, name, position, kind, match, assignee_ids, team_id)
        values (${orgId}, gen_random_uuid(), ${name}, ${i + 1}, ${kind}, ${JSON.stringify(match)}::jsonb,
          ${`{${assignees.join(',')}}`}::uuid[], ${teamId})`);
    await tx.execute(sql`
      insert into customers (org_id, id, kind, name, phones, owner_id)
      select ${orgId}, ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid, 'company', '老客户' || i,
        array['139' || lpad((i * 20)::text, 8, '0')], ('00000000-0000-4000-9000-' || lpad((1 + i % 50)::text, 12, '0'))::uuid
      from generate_series(1, 2000) i`);
    await tx.execute(sql`
      insert into customer_keys (org_id, customer_id, kind, value)
      select ${orgId}, ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid, 'phone', '+86139' || lpad((i * 20)::text, 8, '0')
      from generate_series(1, 2000) i`);
    await tx.execute(sql`
      insert into leads (org_id, id, name, company, phones, emails, country, channel, campaign, product_interest, language)
      select ${orgId}, gen_random_uuid(), 'Buyer ' || i, 'Bench Trading ' || i || ' Co., Ltd.',
        array['+86 139' || lpad(i::text, 8, '0')], array['buyer' || i || '@example.com'],
        (array['DE', 'US', 'CN', 'BR', 'MX', 'FR', 'AU', 'IN'])[1 + i % 8],
        (array['tradeFair', 'b2bPlatform', 'websiteForm', 'referral'])[1 + i % 4],
        case when i % 4 = 0 then '第138届广交会' end,
        case when i % 10 = 0 then array['furniture'] else array['hardware'] end,
        (array['en', 'es', 'de', 'zh', 'pt'])[1 + i % 5]
      from generate_series(1, ${N}) i`);
  });
  await db.execute(sql`analyze`);
  const ids = await withTenant(db, orgId, async (tx) =>
    rowsOf<{ id: string }>(
      await tx.execute(
        sql`select id from leads where org_id = ${orgId} and owner_id is null order by created_at, id`,
      ),
    ).map((r) => String(r.id)),
  );
  log(`assigning ${ids.length.toLocaleString()} leads in batches of ${BATCH.toLocaleString()}`);
  const now = new Date();
  const t = performance.now();
  let assigned = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const r = await withTenant(db, orgId, (tx) => assignLeads(tx, orgId, ids.slice(i, i + BATCH), now));
    assigned += r.assigned;
  }
  const ms = performance.now() - t;
  const spread = await withTenant(db, orgId, async (tx) =>
    rowsOf<{ reason: string; owners: number; leads: number; min: number; max: number }>(
      await tx.execute(sql`
        select coalesce(r.name, x.assignment_reason) as reason, count(*)::int as owners, sum(n)::int as leads,
          min(n)::int as min, max(n)::int as max
        from (select assignment_reason, assignment_rule_id, owner_id, count(*) as n from leads
          where org_id = ${orgId} group by 1, 2, 3) x
        left join lead_rules r on r.org_id = ${orgId} and r.id = x.assignment_rule_id
        group by 1 order by 1`),
    ),
  );
  const matched = await withTenant(db, orgId, async (tx) =>
    rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from leads where org_id = ${orgId} and matched_customer_id is not null`,
      ),
    ),
  );
  for (const s of spread)
    log(`  ${s.reason}: ${s.leads} leads over ${s.owners} owners (${s.min}–${s.max} each)`);
  log(`  matched an existing customer: ${matched[0]?.n}`);
  const rate = Math.round(ids.length / (ms / 1000));
  console.log(
    `\n| engine | leads | batch | assigned | time | leads/s |\n|---|---|---|---|---|---|\n| ${engine} | ${ids.length.toLocaleString()} | ${BATCH.toLocaleString()} | ${assigned.toLocaleString()} | ${(ms / 1000).toFixed(2)} s | ${rate.toLocaleString()} |`,
  );
  await database.close();
  if (engine === 'pg' && !args.has('keep')) await pgAdmin(`drop database if exists ${dbName} with (force)`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
