import { it, vi } from 'vitest';
vi.mock('fastify', async (orig) => (await import('./helpers/routes.ts')).withRouteCollector(await orig()));
import { createTestApp } from './helpers/app.ts';
import { routesOf } from './helpers/routes.ts';
it('routes', async () => {
  const w = await createTestApp();
  console.log(routesOf(w.app).map((r) => `${r.method} ${r.url} ${r.hidden} ${r.isPublic}`).join('\n'));
  await w.close();
});
