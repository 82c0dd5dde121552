import type { FastifyInstance, RouteOptions } from 'fastify';

/** One route of a built app, as Fastify registered it. */
export interface AppRoute {
  method: string;
  url: string;
  /** Hidden from the OpenAPI document (schema.hide). */
  hidden: boolean;
  isPublic: boolean;
  schema: RouteOptions['schema'];
}

const routesByApp = new WeakMap<object, AppRoute[]>();

/**
 * Wraps the fastify factory so every instance records its routes through an onRoute
 * hook added before any plugin registers — the app's real route table, hidden routes included.
 * Use from a test file: vi.mock('fastify', async (orig) => withRouteCollector(await orig())).
 */
export function withRouteCollector<M extends { default: (...args: never[]) => unknown }>(mod: M): M {
  const original = mod.default as unknown as (...args: unknown[]) => FastifyInstance;
  const factory = (...args: unknown[]) => {
    const app = original(...args);
    const list: AppRoute[] = [];
    routesByApp.set(app, list);
    app.addHook('onRoute', (r) => {
      for (const method of Array.isArray(r.method) ? r.method : [r.method])
        list.push({
          method: String(method).toUpperCase(),
          url: r.url,
          hidden: Boolean((r.schema as { hide?: boolean } | undefined)?.hide),
          isPublic: (r.config as { auth?: string } | undefined)?.auth === 'public',
          schema: r.schema,
        });
    });
    return app;
  };
  Object.assign(factory, original);
  return { ...mod, default: factory, fastify: factory };
}

/** The routes the app registered; throws when the app was not built through withRouteCollector. */
export function routesOf(app: FastifyInstance): AppRoute[] {
  const list = routesByApp.get(app);
  if (!list)
    throw new Error(
      "routes were not collected: vi.mock('fastify', ...) with withRouteCollector in this test file",
    );
  return list;
}
