import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('fastify', async (orig) => (await import('./helpers/routes.ts')).withRouteCollector(await orig()));
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, type TestWorld } from './helpers/app.ts';
import { routesOf } from './helpers/routes.ts';

let w: TestWorld;
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  w = await createTestApp();
  const res = await w.app.inject('/api/openapi.json');
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => w.close());

/**
 * Known gaps outside this suite's reach, each to be removed with its fix (the test fails
 * once a listed route is documented properly, so the list cannot go stale).
 * - GET /health: server/src/app.ts declares no response schema for it.
 */
const KNOWN_GAPS = new Set<string>([]);

/** "/api/v1/users/:id" → "/api/v1/users/{id}" */
const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes every route that is not hidden, each with a schema for its success response', () => {
    const routes = routesOf(w.app).filter((r) => !r.hidden && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const r of routes) {
      const op = doc.paths[openapiPath(r.url)]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${r.method} ${r.url}: missing`);
        continue;
      }
      const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      if (!success.length) problems.push(`${r.method} ${r.url}: no 2xx response`);
      for (const [code, response] of success) {
        if (code === '204') continue;
        if (!response.content?.['application/json']?.schema)
          problems.push(`${r.method} ${r.url}: ${code} without a JSON schema`);
      }
    }
    const gaps = problems.filter((p) => KNOWN_GAPS.has(p.split(':')[0]!));
    expect(problems.filter((p) => !gaps.includes(p))).toEqual([]);
    expect(
      gaps.map((p) => p.split(':')[0]),
      'a known gap is fixed: remove it from KNOWN_GAPS',
    ).toEqual([...KNOWN_GAPS]);
  });

  it('documents no route the app does not have', () => {
    const real = new Set(routesOf(w.app).map((r) => `${r.method.toLowerCase()} ${openapiPath(r.url)}`));
    const extra = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m} ${path}`)
        .filter((k) => !real.has(k)),
    );
    expect(extra).toEqual([]);
  });
});

describe('/docs', () => {
  it('answers 200 with the API reference page, following redirects', async () => {
    let url = '/docs';
    let res = await w.app.inject(url);
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 5; hops++) {
      const location = String(res.headers.location);
      url = new URL(location, `http://localhost${url}`).pathname;
      res = await w.app.inject(url);
    }
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });
});
