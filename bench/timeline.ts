// Customer detail + first timeline page, in-process (app.inject) on PostgreSQL with seeded rows.
//   npx tsx bench/timeline.ts [--customers 200000] [--per 5] [--samples 300]
// Seeds one organisation with N customers (owned by its administrator), `per` interactions each
// over the last year, a create audit entry per customer and a follow-up task for every tenth,
// then times GET /customers/:id followed by GET /customers/:id/timeline for random customers.
// The full-scale figure (1M customers / 5M interactions, over HTTP) comes from bench/customers.ts.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const N = Number(args.get('customers') ?? 200_000);
const PER = Number(args.get('per') ?? 5);
const SAMPLES = Number(args.get('samples') ?? 300);
process.env.GUANXI_TEST_DATABASE_URL ??=
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

const { createTestApp, setupInstance } = await import('../test/helpers/app.ts');
const w = await createTestApp();
try {
  const admin = await setupInstance(w.app);
  const me = (await admin.get('/api/v1/me')).json() as { id: string; orgId: string };
  const db = w.database.db;
  log(`seeding ${N} customers × ${PER} interactions`);
  await db.execute(sql`insert into customers (org_id, id, kind, name, owner_id, owner_assigned_at)
    select ${me.orgId}, gen_random_uuid(), 'company', '压测客户' || g || '有限公司', ${me.id}, now()
    from generate_series(1, ${N}) g`);
  await db.execute(sql`insert into interactions (org_id, id, customer_id, channel, occurred_at, subject, user_id)
    select c.org_id, gen_random_uuid(), c.id,
      (array['call','visit','wechat','email','meeting'])[1 + (g % 5)],
      now() - random() * interval '365 days', '跟进' || g, ${me.id}
    from customers c cross join generate_series(1, ${PER}) g where c.org_id = ${me.orgId}`);
  await db.execute(sql`insert into audit_log (org_id, id, at, actor_id, actor_kind, entity, entity_id, action, changes)
    select org_id, gen_random_uuid(), now() - interval '400 days', ${me.id}, 'user', 'customers', id, 'create', '[]'::jsonb
    from customers where org_id = ${me.orgId}`);
  await db.execute(sql`insert into tasks (org_id, id, title, kind, due_at, assignee_id, customer_id, related_type)
    select org_id, gen_random_uuid(), '回访', 'followUp', now() + interval '3 days', ${me.id}, id, 'interactions'
    from customers where org_id = ${me.orgId} and random() < 0.1`);
  await db.execute(sql`analyze`);
  const ids = (
    (await db.execute(
      sql`select id from customers where org_id = ${me.orgId} order by random() limit ${SAMPLES}`,
    )) as unknown as { rows: { id: string }[] }
  ).rows.map((r) => r.id);

  for (const id of ids.slice(0, 20)) await admin.get(`/api/v1/customers/${id}/timeline`); // warm-up
  const times: number[] = [];
  const parts: { detail: number[]; timeline: number[] } = { detail: [], timeline: [] };
  for (const id of ids) {
    const t0 = performance.now();
    const detail = await admin.get(`/api/v1/customers/${id}`);
    const t1 = performance.now();
    const timeline = await admin.get(`/api/v1/customers/${id}/timeline`);
    const t2 = performance.now();
    times.push(t2 - t0);
    parts.detail.push(t1 - t0);
    parts.timeline.push(t2 - t1);
    if (detail.statusCode !== 200 || timeline.statusCode !== 200)
      throw new Error(`${detail.statusCode} ${timeline.statusCode} ${timeline.body}`);
  }
  times.sort((a, b) => a - b);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  const pct = (p: number) =>
    times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
  console.log(
    JSON.stringify({
      customers: N,
      interactions: N * PER,
      samples: times.length,
      'detail+timeline p50 ms': pct(50),
      'p95 ms': pct(95),
      'p99 ms': pct(99),
      'detail p50 ms': median(parts.detail),
      'timeline p50 ms': median(parts.timeline),
    }),
  );
} finally {
  await w.close();
}
