// The HTTP side of bench/customers.ts: sign in, and each scenario under autocannon with its own
// latency percentiles (autocannon reports p97.5, not p95, so every response time is kept).
import fs from 'node:fs';
import net from 'node:net';
import autocannon from 'autocannon';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/** VmRSS now, or VmHWM: the peak resident set of the process. */
export const rssMb = (pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS') => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024;
};

export async function waitHealthy(base: string) {
  for (;;) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Session {
  headers: Record<string, string>;
  get(url: string): Promise<Response>;
  post(url: string, body: unknown): Promise<Response>;
}

export async function login(base: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    headers,
    get: (url) => fetch(base + url, { headers }),
    post: (url, body) =>
      fetch(base + url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path: (n: number) => string;
  body?: (n: number) => unknown;
}

async function measure(
  base: string,
  session: Session,
  s: Scenario,
  opts: { seconds: number; connections: number },
) {
  const times: number[] = [];
  let n = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: opts.connections,
        duration: opts.seconds,
        headers: { ...session.headers, 'content-type': 'application/json' },
        requests: [
          {
            method: s.method ?? 'GET',
            setupRequest: (req) => {
              const i = n++;
              return { ...req, path: s.path(i), ...(s.body ? { body: JSON.stringify(s.body(i)) } : {}) };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    reqPerS: Math.round(result.requests.average),
    p50: +pct(times, 50).toFixed(1),
    p95: +pct(times, 95).toFixed(1),
    p99: +pct(times, 99).toFixed(1),
    requests: times.length,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** (a) list with a filter and sort, (b) three searches, (c) detail and timeline, (d) create. */
export async function scenarios(
  base: string,
  who: string,
  session: Session,
  ids: string[],
  phoneFragment: string,
  opts: { seconds: number; connections: number },
) {
  const id = (n: number) => ids[n % ids.length]!;
  // The timeline is being built at the time of writing: fall back to the interactions list.
  let timeline = (n: number) => `/api/v1/customers/${id(n)}/timeline`;
  let timelineName = 'GET /customers/:id/timeline';
  if ((await session.get(timeline(0))).status === 404) {
    timeline = (n) => `/api/v1/interactions?customerId=${id(n)}`;
    timelineName = 'GET /interactions?customerId= (timeline 404)';
    if ((await session.get(timeline(0))).status === 404) timelineName = 'timeline: no route yet (404)';
  }
  const stamp = Date.now().toString(36);
  const list: Scenario[] = [
    {
      name: 'list ?province=440000&sort=-updatedAt',
      path: () => '/api/v1/customers?province=440000&sort=-updatedAt',
    },
    { name: 'search q=科技', path: () => `/api/v1/customers?q=${encodeURIComponent('科技')}` },
    { name: 'search q=txkj', path: () => '/api/v1/customers?q=txkj' },
    { name: `search q=${phoneFragment} (phone)`, path: () => `/api/v1/customers?q=${phoneFragment}` },
    { name: 'GET /customers/:id', path: (n) => `/api/v1/customers/${id(n)}` },
    { name: timelineName, path: timeline },
    {
      name: 'POST /customers',
      method: 'POST',
      path: () => '/api/v1/customers',
      body: (n) => ({ kind: 'company', name: `压测${who}${stamp}${n}号商贸有限公司`, province: '440000' }),
    },
  ];
  const out = [];
  // Requests left queued by the previous scenario (PGlite answers one query at a time) must not
  // count against the next one: wait until a one-query request is quick again.
  const settle = async () => {
    for (const t0 = Date.now(); Date.now() - t0 < 120_000;) {
      const s0 = performance.now();
      await session.get('/api/v1/me');
      if (performance.now() - s0 < 100) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  for (const s of list) {
    await settle();
    if (s.name.startsWith('timeline: no route')) {
      out.push({ user: who, scenario: s.name });
      continue;
    }
    out.push({ user: who, scenario: s.name, ...(await measure(base, session, s, opts)) });
  }
  return out;
}
