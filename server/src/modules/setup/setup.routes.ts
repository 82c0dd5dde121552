import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { AppError, forbidden } from '../../lib/errors.ts';
import { errorResponses, Uuid } from '../../lib/schemas.ts';
import { ctxOf } from '../../plugins/context.ts';
import { createOrganisation, needsSetup } from '../orgs/index.ts';
import { findAuthEpoch, LoginOut, signIn, startSession } from '../auth/index.ts';
import { enqueueJob } from '../jobs/index.ts';

const Password = Type.String({ minLength: 8, maxLength: 200 });

/** First-run setup and the creation of further organisations (tenants). */
export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.deps;

  r.get(
    '/api/v1/setup',
    {
      config: { auth: 'none' },
      schema: { tags: ['setup'], response: { 200: Type.Object({ needsSetup: Type.Boolean() }) } },
    },
    async () => ({ needsSetup: await needsSetup(database.db) }),
  );

  r.post(
    '/api/v1/setup',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['setup'],
        body: Type.Object(
          {
            orgName: Type.String({ minLength: 1, maxLength: 200 }),
            adminName: Type.String({ minLength: 1, maxLength: 100 }),
            adminEmail: Type.String({ format: 'email', maxLength: 200 }),
            adminPassword: Password,
            locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
            loadDemo: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: LoginOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const now = app.deps.now();
      // Serialise concurrent first-run requests: only the first creates the instance.
      const created = await database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(7426001)`);
        if (!(await needsSetup(tx as never))) throw new AppError('ALREADY_SET_UP');
        const b = req.body;
        return createOrganisation(
          tx as never,
          {
            name: b.orgName,
            adminName: b.adminName,
            adminEmail: b.adminEmail,
            adminPassword: b.adminPassword,
            locale: b.locale,
            isInstanceAdmin: true,
          },
          now,
        );
      });
      if (req.body.loadDemo)
        await enqueueJob(database.db, { name: 'demo.seed', orgId: created.orgId, createdBy: created.userId });
      const authEpoch = await findAuthEpoch(database.db, created.orgId, created.userId);
      const session = await startSession(
        database.db,
        app.deps.config,
        { ...created, authEpoch },
        {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          now,
        },
      );
      reply.status(201);
      return signIn(req, reply, session);
    },
  );

  r.post(
    '/api/v1/orgs',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['orgs'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            adminEmail: Type.String({ format: 'email', maxLength: 200 }),
            adminPassword: Password,
            adminName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Uuid }), ...errorResponses },
      },
    },
    async (req, reply) => {
      // Open sign-up lets anyone create a tenant; otherwise only the instance administrator.
      if (!app.deps.config.signupOpen) {
        if (!req.actor) throw new AppError('UNAUTHENTICATED');
        if (!ctxOf(req).actor.isInstanceAdmin || req.actor.apiKey) throw forbidden('orgs', 'create');
      }
      const { orgId } = await createOrganisation(
        database.db,
        { ...req.body, name: req.body.name, createdBy: null },
        app.deps.now(),
      );
      return reply.status(201).send({ id: orgId });
    },
  );
}
