import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import addFormats from 'ajv-formats';
import { Type } from 'typebox';
import type { Config } from './config.ts';
import type { Database } from './db/types.ts';
import { registerErrorHandler } from './plugins/errors.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import type { Deps } from './plugins/context.ts';
import { AppError } from './lib/errors.ts';
import { authPlugin } from './modules/auth/auth.plugin.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { apiKeysRoutes } from './modules/auth/api-keys.routes.ts';
import { setupRoutes } from './modules/setup/setup.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { orgStructureRoutes } from './modules/org-structure/org-structure.routes.ts';
import { rolesRoutes } from './modules/access/roles.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { recycleBinRoutes } from './modules/recycle-bin/recycle-bin.routes.ts';
import { jobsRoutes } from './modules/jobs/jobs.routes.ts';
import { customersRoutes } from './modules/customers/customers.routes.ts';
import { customerPoolRoutes } from './modules/customers/pool.routes.ts';
import { contactsRoutes } from './modules/contacts/contacts.routes.ts';
import { greetingSettingsRoutes, tasksRoutes } from './modules/tasks/index.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { contactFrequencyRoutes } from './modules/follow-up/index.ts';
import { customizationRoutes } from './modules/customization/customization.routes.ts';
import { savedViewsRoutes } from './modules/views/views.routes.ts';
import { interactionsRoutes } from './modules/interactions/interactions.routes.ts';
import { exportsRoutes } from './modules/exports/index.ts';
import { importsRoutes } from './modules/imports/index.ts';
import {
  leadAssignmentRoutes,
  leadConversionRoutes,
  leadFormsRoutes,
  leadsRoutes,
} from './modules/leads/index.ts';
import { opportunitiesRoutes, pipelinesRoutes } from './modules/opportunities/index.ts';
import { salesAnalyticsRoutes } from './modules/sales-analytics/index.ts';
import { marketRoutes } from './modules/market/index.ts';
import { productsRoutes } from './modules/products/index.ts';
import { partnersRoutes } from './modules/partners/index.ts';
import { quotesRoutes } from './modules/quotes/index.ts';
import { ordersRoutes } from './modules/orders/index.ts';
import { creditRoutes, receivablesRoutes } from './modules/receivables/index.ts';
import { dealerReportsRoutes } from './modules/dealer-reports/index.ts';
import './plugins/context.ts';
import { referenceRoutes } from './modules/reference/reference.routes.ts';

export interface AppOptions {
  database: Database;
  config: Config;
  now?: () => Date;
  logger?: boolean | object;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Behind a reverse proxy, GUANXI_TRUST_PROXY makes request.ip the client's (throttling, audit).
    trustProxy:
      typeof opts.config.trustProxy === 'number'
        ? (_addr: string, hop: number) => hop < (opts.config.trustProxy as number)
        : opts.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
      plugins: [addFormats as never],
    },
  });
  const deps: Deps = { database: opts.database, config: opts.config, now: opts.now ?? (() => new Date()) };
  app.decorate('deps', deps);

  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(securityHeaders);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Guanxi CRM API', version: '1', description: 'REST API of Guanxi (关系) CRM' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gx_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin);

  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['service'],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
          }),
        },
      },
    },
    async () => ({ status: 'ok', database: opts.database.kind }),
  );
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(setupRoutes);
  await app.register(authRoutes);
  await app.register(apiKeysRoutes);
  await app.register(usersRoutes);
  await app.register(orgStructureRoutes);
  await app.register(rolesRoutes);
  await app.register(auditRoutes);
  await app.register(recycleBinRoutes);
  await app.register(jobsRoutes);
  await app.register(referenceRoutes);
  await app.register(customersRoutes);
  await app.register(customerPoolRoutes);
  await app.register(contactsRoutes);
  await app.register(tasksRoutes);
  await app.register(greetingSettingsRoutes);
  await app.register(notificationsRoutes);
  await app.register(contactFrequencyRoutes);
  await app.register(customizationRoutes);
  await app.register(savedViewsRoutes);
  await app.register(interactionsRoutes);
  await app.register(exportsRoutes);
  await app.register(importsRoutes);
  await app.register(leadsRoutes);
  await app.register(leadConversionRoutes);
  await app.register(leadAssignmentRoutes);
  await app.register(leadFormsRoutes);
  await app.register(pipelinesRoutes);
  await app.register(opportunitiesRoutes);
  await app.register(salesAnalyticsRoutes);
  await app.register(marketRoutes);
  await app.register(productsRoutes);
  await app.register(partnersRoutes);
  await app.register(quotesRoutes);
  await app.register(ordersRoutes);
  await app.register(receivablesRoutes);
  await app.register(creditRoutes);
  await app.register(dealerReportsRoutes);

  const webDist = opts.config.webDist;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb)
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    // A missing asset is a 404, not the app shell (a stale tab would fail to load a module script).
    if (
      url.startsWith('/api/') ||
      url.startsWith('/assets/') ||
      url === '/health' ||
      !hasWeb ||
      request.method !== 'GET'
    )
      throw new AppError('NOT_FOUND', { entity: 'record' });
    // Client-side routes of the single-page app.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
