// Sales at scale: N leads from fairs and platforms over three years and M opportunities with stage
// histories (~3 entries each, ~25% open, the rest won or lost), generated with generate_series
// INSERTs, then:
//   (a) the funnel of the last year across all reps, through the service (getFunnel) and through
//       ONE hand-written SQL query computing the same figures — median and p95 of both, and a check
//       that they agree;
//   (b) the kanban first load GET /api/v1/opportunities/board through HTTP (app.inject), p95 of ~50
//       requests as the administrator and as a sales rep (skipped when the route does not exist).
//   npm run bench:sales -- --engine pg|pglite [--leads 2000000] [--opportunities 500000] [--runs 10]
//                          [--requests 50] [--reuse dbname] [--keep 1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client.ts';
import { runMigrations } from '../server/src/db/migrate.ts';
import { withTenant } from '../server/src/db/tenant.ts';
import type { Db } from '../server/src/db/types.ts';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { createOrganisation } from '../server/src/modules/orgs/index.ts';
import { hashPassword, loadActor } from '../server/src/modules/auth/index.ts';
import { getFunnel } from '../server/src/modules/sales-analytics/sales-analytics.service.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const engine = args.get('engine') === 'pglite' ? 'pglite' : 'pg';
const L = Number(args.get('leads') ?? 2_000_000);
const O = Number(args.get('opportunities') ?? 500_000);
const RUNS = Number(args.get('runs') ?? 10);
const REQUESTS = Number(args.get('requests') ?? 50);
const reuse = args.get('reuse');
const REPS = 50;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const dbName = reuse ?? `guanxi_bench_sales_${L}_${O}`;
const pgUrl = Object.assign(new URL(PG_URL), { pathname: `/${dbName}` }).toString();
const work =
  engine === 'pglite' && reuse ? reuse : fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-bench-sales-'));
const ORG_NAME = '销售规模基准';
const REP_PASSWORD = 'Passw0rd1';

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);

async function pgAdmin(text: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const timed = async (label: string, fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
};

/** Everything the bench needs, written with a handful of set-based INSERTs on the owner connection. */
async function generate(db: Db, orgId: string) {
  const repHash = await hashPassword(REP_PASSWORD);
  const pipelineId = '00000000-0000-4000-b000-000000000001';
  const stage = (p: number) => `00000000-0000-4000-b000-00000000010${p}`;
  const stages = `{${[1, 2, 3, 4, 5, 6].map(stage).join(',')}}`;
  await timed('org chart, 50 reps, pipeline', async () => {
    await db.execute(sql`
      insert into teams (org_id, id, name)
      select ${orgId}, ('00000000-0000-4000-8000-00000000000' || t)::uuid, '第' || t || '组' from generate_series(1, 5) t`);
    await db.execute(sql`
      insert into users (org_id, id, name, email, password_hash, role_id, team_id)
      select ${orgId}, ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '销售' || i, 'rep' || i || '@bench.test',
        ${repHash}, (select id from roles where org_id = ${orgId} and key = 'sales'),
        ('00000000-0000-4000-8000-00000000000' || (1 + (i - 1) / 10))::uuid
      from generate_series(1, ${REPS}) i`);
    await db.execute(
      sql`insert into pipelines (org_id, id, name, is_default) values (${orgId}, ${pipelineId}, '外贸销售流程', true)`,
    );
    await db.execute(sql`
      insert into pipeline_stages (org_id, id, pipeline_id, key, name, kind, position, probability)
      select ${orgId}, (${stages}::uuid[])[p], ${pipelineId},
        (array['targetMarket','potentialCustomer','needsAnalysis','proposal','won','lost'])[p],
        (array['目标市场','潜在客户','需求分析','方案报价','赢单','输单'])[p],
        (array['open','open','open','open','won','lost'])[p], p, (array[10,20,40,60,100,0])[p]
      from generate_series(1, 6) p`);
  });
  const customersN = Math.max(1_000, Math.round(O / 5));
  await timed(`${customersN.toLocaleString()} customers`, () =>
    db.execute(sql`
      insert into customers (org_id, id, kind, name, owner_id, team_id, country, created_at, updated_at)
      select ${orgId}, md5('c' || i)::uuid, 'company', '客户' || i,
        ('00000000-0000-4000-9000-' || lpad((1 + i % ${REPS})::text, 12, '0'))::uuid,
        ('00000000-0000-4000-8000-00000000000' || (1 + (i % ${REPS}) / 10))::uuid,
        (array['DE','US','CN','BR','MX','FR','AU','IN','VN','AE'])[1 + i % 10],
        now() - ((i::bigint * 7919) % (1095 * 1440)) * interval '1 minute', now()
      from generate_series(1, ${customersN}) i`),
  );
  // Leads: 7 channels, fairs and platforms as campaigns; every 4th lead up to 60% of the
  // opportunities was converted into opportunity i/4.
  const linked = Math.min(Math.floor(O * 0.6), Math.floor(L / 4));
  const leadCreated = (i: string) =>
    sql.raw(`(now() - (((${i})::bigint * 7919) % (1095 * 1440)) * interval '1 minute')`);
  const channelOf = (i: string) =>
    sql.raw(
      `(array['tradeFair','tradeFair','tradeFair','b2bPlatform','b2bPlatform','websiteForm','referral'])[1 + ${i} % 7]`,
    );
  const campaignOf = (i: string) =>
    sql.raw(`case when ${i} % 7 < 3 then (array['第137届广交会','第138届广交会','华交会2025','Ambiente Frankfurt 2026','第136届广交会'])[1 + (${i} / 7) % 5]
      when ${i} % 7 < 5 then (array['Alibaba.com','Global Sources','Made-in-China.com'])[1 + (${i} / 7) % 3] end`);
  await timed(`${L.toLocaleString()} leads`, () =>
    db.execute(sql`
      insert into leads (org_id, id, name, company, country, channel, campaign, language, status, owner_id, team_id,
        converted_at, converted_opportunity_id, created_at, updated_at)
      select ${orgId}, md5('l' || i)::uuid, 'Buyer ' || i, 'Trading ' || i,
        (array['DE','US','CN','BR','MX','FR','AU','IN','VN','AE'])[1 + i % 10], ${channelOf('i')}, ${campaignOf('i')},
        (array['en','es','de','zh','pt'])[1 + i % 5],
        case when i % 4 = 0 and i / 4 <= ${linked} then 'converted'
          else (array['new','contacted','qualified','disqualified','contacted'])[1 + i % 5] end,
        ('00000000-0000-4000-9000-' || lpad((1 + i % ${REPS})::text, 12, '0'))::uuid,
        ('00000000-0000-4000-8000-00000000000' || (1 + (i % ${REPS}) / 10))::uuid,
        case when i % 4 = 0 and i / 4 <= ${linked} then ${leadCreated('i')} + ((i / 4) % 72) * interval '1 hour' end,
        case when i % 4 = 0 and i / 4 <= ${linked} then md5('o' || (i / 4))::uuid end,
        ${leadCreated('i')}, ${leadCreated('i')}
      from generate_series(1, ${L}) i`),
  );
  // The plan of each opportunity: created when, entered open stages s0..k, then open / won / lost.
  await db.execute(sql.raw(`drop table if exists bench_opp_plan`));
  await timed(`${O.toLocaleString()} opportunities (plan)`, () =>
    db.execute(sql`
      create unlogged table bench_opp_plan as
      select j, md5('o' || j)::uuid as id, created, s0, greatest(s0, k) as k, outcome,
        least(make_interval(days => 2 + (j * 13) % 25), (now() - created) / (greatest(s0, k) - s0 + 2)) as gap
      from (
        select j,
          least(now(), case when j <= ${linked} then ${leadCreated('(4 * j)')} + (j % 72) * interval '1 hour'
            else now() - ((j::bigint * 104729) % (1095 * 1440)) * interval '1 minute' end) as created,
          case when j % 10 = 0 then 2 else 1 end as s0,
          1 + (j / 3) % 4 as k,
          case when (j * 37) % 100 < 25 then 'open' when (j * 37) % 100 < 60 then 'won' else 'lost' end as outcome
        from generate_series(1, ${O}) j
      ) x`),
  );
  await timed('opportunities', () =>
    db.execute(sql`
      insert into opportunities (org_id, id, name, customer_id, lead_id, pipeline_id, stage_id, status, amount, currency,
        probability, channel, campaign, owner_id, team_id, lost_reason, closed_at, stage_entered_at, created_at, updated_at)
      select ${orgId}, p.id, '商机 ' || p.j, md5('c' || (1 + p.j % ${customersN}))::uuid,
        case when p.j <= ${linked} then md5('l' || (4 * p.j))::uuid end, ${pipelineId},
        (${stages}::uuid[])[case p.outcome when 'won' then 5 when 'lost' then 6 else p.k end], p.outcome,
        (1000 + (p.j * 37) % 200000)::numeric(18, 2), case when p.j % 10 = 3 then 'USD' else 'CNY' end,
        (array[10,20,40,60])[p.k],
        case when p.j <= ${linked} then ${channelOf('(4 * p.j)')} end,
        case when p.j <= ${linked} then ${campaignOf('(4 * p.j)')} end,
        ('00000000-0000-4000-9000-' || lpad((1 + p.j % ${REPS})::text, 12, '0'))::uuid,
        ('00000000-0000-4000-8000-00000000000' || (1 + (p.j % ${REPS}) / 10))::uuid,
        case when p.outcome = 'lost' then (array['price','competitor','quality','delivery','noBudget','noDecision','unreachable','other'])[1 + p.j % 8] end,
        case when p.outcome <> 'open' then p.created + (p.k - p.s0 + 1) * p.gap end,
        p.created + (p.k - p.s0 + case when p.outcome = 'open' then 0 else 1 end) * p.gap,
        p.created, p.created + (p.k - p.s0 + 1) * p.gap
      from bench_opp_plan p`),
  );
  await timed('stage history', async () => {
    await db.execute(sql`
      insert into opportunity_stage_changes (org_id, id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, at, by, amount, currency, opportunity_created_at)
      select ${orgId}, gen_random_uuid(), p.id, ${pipelineId},
        case when st = p.s0 then null else (${stages}::uuid[])[st - 1] end, (${stages}::uuid[])[st],
        p.created + (st - p.s0) * p.gap, ('00000000-0000-4000-9000-' || lpad((1 + p.j % ${REPS})::text, 12, '0'))::uuid,
        (1000 + (p.j * 37) % 200000)::numeric(18, 2), case when p.j % 10 = 3 then 'USD' else 'CNY' end, p.created
      from bench_opp_plan p, generate_series(p.s0, p.k) st`);
    await db.execute(sql`
      insert into opportunity_stage_changes (org_id, id, opportunity_id, pipeline_id, from_stage_id, to_stage_id, at, by, amount, currency, opportunity_created_at)
      select ${orgId}, gen_random_uuid(), p.id, ${pipelineId}, (${stages}::uuid[])[p.k],
        (${stages}::uuid[])[case p.outcome when 'won' then 5 else 6 end], p.created + (p.k - p.s0 + 1) * p.gap,
        ('00000000-0000-4000-9000-' || lpad((1 + p.j % ${REPS})::text, 12, '0'))::uuid,
        (1000 + (p.j * 37) % 200000)::numeric(18, 2), case when p.j % 10 = 3 then 'USD' else 'CNY' end, p.created
      from bench_opp_plan p where p.outcome <> 'open'`);
  });
  await db.execute(sql.raw(`drop table bench_opp_plan`));
  // What autovacuum does to a table soon after a bulk load (insert threshold): statistics and the
  // visibility map, without which no index-only scan skips the heap.
  for (const t of ['leads', 'opportunities', 'opportunity_stage_changes', 'customers'])
    await timed(`vacuum analyze ${t}`, () => db.execute(sql.raw(`vacuum analyze ${t}`)));
}

/** The same figures as the service, in one statement: the physical baseline. */
function handWrittenFunnel(orgId: string, pipelineId: string, from: Date, to: Date) {
  return sql`
    with st as (
      select id, position, kind from pipeline_stages
      where org_id = ${orgId} and pipeline_id = ${pipelineId} and deleted_at is null
    ),
    c as materialized (
      select id, status, amount, currency, lost_reason, created_at, closed_at, stage_id from opportunities
      where org_id = ${orgId} and pipeline_id = ${pipelineId} and deleted_at is null
        and created_at >= ${from} and created_at < ${to}
    ),
    h as materialized (
      select h.opportunity_id, h.to_stage_id, h.at,
        lead(h.at) over (partition by h.opportunity_id order by h.at, h.id) as nxt
      from opportunity_stage_changes h join c on c.id = h.opportunity_id
      where h.org_id = ${orgId} and h.at >= ${from}
    ),
    r as (
      select c.*, greatest(m.mp, cs.position) as mp from c
      left join (select h.opportunity_id, max(st.position) as mp from h join st on st.id = h.to_stage_id and st.kind = 'open'
                 group by 1) m on m.opportunity_id = c.id
      left join st cs on cs.id = c.stage_id and cs.kind = 'open'
    ),
    per_stage as (
      select s.id, s.position,
        count(*) filter (where r.status = 'won' or r.mp >= s.position) as reached,
        coalesce(sum(r.amount) filter (where (r.status = 'won' or r.mp >= s.position) and r.currency = 'CNY'), 0) as amount
      from st s cross join r where s.kind = 'open' group by s.id, s.position
    ),
    times as (
      select to_stage_id, round((avg(extract(epoch from nxt - at)) / 86400)::numeric, 1) as days
      from h where nxt is not null group by to_stage_id
    )
    select json_build_object(
      'stages', (select json_agg(json_build_object('reached', p.reached, 'amount', p.amount::text, 'days', t.days)
                 order by p.position) from per_stage p left join times t on t.to_stage_id = p.id),
      'won', (select count(*) from c where status = 'won'),
      'lost', (select count(*) from c where status = 'lost'),
      'cycle', (select round((avg(extract(epoch from closed_at - created_at)) / 86400)::numeric, 1) from c
                where status = 'won' and closed_at is not null),
      'reasons', (select json_object_agg(coalesce(lost_reason, 'unspecified'), n) from
                  (select lost_reason, count(*) as n from c where status = 'lost' group by 1) x)
    ) as f`;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function main() {
  if (engine === 'pg' && !reuse) {
    await pgAdmin(`drop database if exists ${dbName} with (force)`);
    await pgAdmin(`create database ${dbName} encoding 'UTF8' locale 'C.UTF-8' template template0`);
  }
  const database = await openDatabase(
    engine === 'pg' ? { databaseUrl: pgUrl } : { dataDir: path.join(work, 'data') },
  );
  await runMigrations(database);
  const db = database.db;
  let orgId: string;
  if (reuse) {
    const [org] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from orgs where name = ${ORG_NAME} limit 1`),
    );
    if (!org) throw new Error(`no organisation ${ORG_NAME} in ${dbName}`);
    orgId = String(org.id);
    log(`reusing ${dbName}`);
  } else {
    orgId = (
      await createOrganisation(
        db,
        { name: ORG_NAME, adminEmail: 'bench@guanxi.test', adminPassword: 'Bench12345', adminName: '管理员' },
        new Date(),
      )
    ).orgId;
    log(`${engine}: generating ${L.toLocaleString()} leads and ${O.toLocaleString()} opportunities`);
    const t = performance.now();
    await generate(db, orgId);
    log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const counts = rowsOf<{ leads: number; opps: number; changes: number }>(
    await db.execute(sql`select (select count(*) from leads)::int as leads, (select count(*) from opportunities)::int as opps,
      (select count(*) from opportunity_stage_changes)::int as changes`),
  )[0]!;
  log(`leads ${counts.leads}, opportunities ${counts.opps}, stage changes ${counts.changes}`);
  const [adminRow] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users where org_id = ${orgId} and email = 'bench@guanxi.test'`),
  );
  const admin = (await loadActor(db, orgId, String(adminRow!.id)))!.actor;
  const [pipe] = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from pipelines where org_id = ${orgId} and is_default and deleted_at is null`,
    ),
  );
  const now = new Date();
  const from = new Date(now);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  const query = { from: from.toISOString(), to: now.toISOString() };

  // (a) The funnel through the service and through one SQL statement.
  const ctx = { db, actor: admin, locale: 'en' as const, ip: '127.0.0.1', now };
  const service = await getFunnel(ctx, query); // warm-up, and the figures to compare
  const svcTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await getFunnel(ctx, query);
    svcTimes.push(performance.now() - t);
  }
  const hand = handWrittenFunnel(orgId, String(pipe!.id), from, now);
  const runHand = () =>
    withTenant(db, orgId, async (tx) => rowsOf<{ f: unknown }>(await tx.execute(hand))[0]!.f);
  const raw = await runHand();
  const handF = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
    stages: { reached: number; amount: string; days: string | number | null }[];
    won: number;
    lost: number;
    cycle: string | number | null;
    reasons: Record<string, number> | null;
  };
  const sqlTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await runHand();
    sqlTimes.push(performance.now() - t);
  }
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  const mismatches: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      mismatches.push(`${what}: service ${JSON.stringify(a)} vs SQL ${JSON.stringify(b)}`);
  };
  same(
    'reached',
    service.stages.map((s) => s.reached),
    handF.stages.map((s) => Number(s.reached)),
  );
  same(
    'amounts (CNY)',
    service.stages.map((s) => s.amount.amount),
    handF.stages.map((s) => Number(s.amount).toFixed(2)),
  );
  same(
    'avg days in stage',
    service.stages.map((s) => s.avgDaysInStage),
    handF.stages.map((s) => num(s.days)),
  );
  same('won', service.won.count, Number(handF.won));
  same('lost', service.lost.count, Number(handF.lost));
  same('sales cycle', service.salesCycleDays, num(handF.cycle));
  same(
    'lost reasons',
    Object.fromEntries(service.lostReasons.map((r) => [r.reason, r.count]).sort()),
    Object.fromEntries(
      Object.entries(handF.reasons ?? {})
        .map(([k, v]) => [k, Number(v)])
        .sort(),
    ),
  );
  log(
    `funnel: ${service.total} opportunities in the cohort, reached ${service.stages.map((s) => s.reached).join(' → ')}, win rate ${service.winRate}`,
  );
  if (mismatches.length) for (const m of mismatches) log(`  MISMATCH ${m}`);
  else log('  service and hand-written SQL agree');

  // (b) The kanban board's first load through HTTP.
  const config = { ...loadConfig({ GUANXI_WEB_DIST: '/nonexistent' }) };
  const app = await buildApp({ database, config });
  await app.ready();
  const boardRows: string[] = [];
  if (!app.hasRoute({ method: 'GET', url: '/api/v1/opportunities/board' })) {
    log('GET /api/v1/opportunities/board does not exist yet: kanban measurement skipped');
    boardRows.push('| kanban first load | skipped: the board route does not exist | | |');
  } else {
    const signIn = async (email: string, password: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'gx_session')!;
      return `gx_session=${cookie.value}`;
    };
    for (const [who, email, password] of [
      ['admin', 'bench@guanxi.test', 'Bench12345'],
      ['sales rep', 'rep1@bench.test', REP_PASSWORD],
    ] as const) {
      const cookie = await signIn(email, password);
      const get = () =>
        app.inject({ method: 'GET', url: '/api/v1/opportunities/board', headers: { cookie } });
      const first = await get();
      if (first.statusCode !== 200) throw new Error(`board as ${who}: ${first.statusCode} ${first.body}`);
      const cards = (first.json() as { columns: { count: number }[] }).columns.map((c) => c.count);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const res = await get();
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`board: ${res.statusCode}`);
      }
      log(
        `board as ${who}: column counts ${cards.join(', ')}; p50 ${fmt(pct(times, 50))}, p95 ${fmt(pct(times, 95))}`,
      );
      boardRows.push(
        `| kanban first load, ${who} (${REQUESTS} requests) | ${fmt(pct(times, 50))} | ${fmt(pct(times, 95))} | ≤ 100 ms p95 |`,
      );
    }
  }
  await app.close();

  console.log(
    `\n${engine}: ${counts.leads.toLocaleString()} leads, ${counts.opps.toLocaleString()} opportunities, ${counts.changes.toLocaleString()} stage changes; ${os.cpus().length} cores\n` +
      `\n| measurement | median | p95 | target |\n|---|---|---|---|\n` +
      `| funnel, last year, all reps — service (${RUNS} runs) | ${fmt(pct(svcTimes, 50))} | ${fmt(pct(svcTimes, 95))} | ≤ 1 s |\n` +
      `| funnel — one hand-written SQL query (${RUNS} runs) | ${fmt(pct(sqlTimes, 50))} | ${fmt(pct(sqlTimes, 95))} | service ≤ 2× (${(pct(svcTimes, 50) / pct(sqlTimes, 50)).toFixed(2)}×) |\n` +
      `${boardRows.join('\n')}\n` +
      `\nservice and SQL figures ${mismatches.length ? `DIFFER (${mismatches.length})` : 'agree'}`,
  );
  await database.close();
  if (engine === 'pg' && !reuse && !args.has('keep'))
    await pgAdmin(`drop database if exists ${dbName} with (force)`);
  if (!reuse) fs.rmSync(work, { recursive: true, force: true });
  if (mismatches.length) process.exit(2);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
