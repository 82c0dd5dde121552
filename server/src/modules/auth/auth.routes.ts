import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses } from '../../lib/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { changeOwnPassword, getUser, updateUser } from '../users/index.ts';
import { endSession, login, startSession } from './auth.service.ts';
import { LoginOut, loadMe, MeOut, signIn } from './sign-in.service.ts';
import { findAuthEpoch } from './sessions.repository.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';
import { verifyPassword } from './password.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/api/v1/auth/login',
    {
      config: { auth: 'none' },
      schema: {
        tags,
        body: Type.Object(
          {
            email: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            phone: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: LoginOut, ...errorResponses, 429: errorResponses[401] },
      },
    },
    async (req, reply) => {
      const loginName = req.body.email ?? req.body.phone;
      if (!loginName) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'email', code: 'required' }]);
      const { session } = await login(app.deps.database.db, app.deps.config, {
        login: loginName,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        now: app.deps.now(),
      });
      return signIn(req, reply, session);
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { auth: 'public' }, schema: { tags, response: { 204: Type.Null() } } },
    async (req, reply) => {
      if (req.session) await endSession(app.deps.database.db, req.session.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get('/api/v1/me', { schema: { tags, response: { 200: MeOut, ...errorResponses } } }, async (req) =>
    loadMe(req, req.session?.csrfToken ?? null),
  );

  r.patch(
    '/api/v1/me',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: MeOut, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      // A key acts for a person within its scopes; it may read /me but never edit that person.
      if (ctx.actor.apiKey) throw new AppError('FORBIDDEN');
      const self = {
        ...ctx,
        actor: {
          ...ctx.actor,
          dataScope: 'org' as const,
          permissions: { users: ['read' as const, 'update' as const] },
          apiKey: null,
        },
      };
      const current = await getUser(self, ctx.actor.userId);
      const updated = await updateUser(self, ctx.actor.userId, { version: current.version, ...req.body });
      req.profile = { ...req.profile!, name: updated.name, locale: updated.locale, version: updated.version };
      return loadMe(req, req.session?.csrfToken ?? null);
    },
  );

  r.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
            newPassword: Type.String({ minLength: 8, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: LoginOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (ctx.actor.apiKey) throw new AppError('FORBIDDEN');
      await changeOwnPassword(ctx, req.body.currentPassword, req.body.newPassword, verifyPassword);
      // Every session of the user ended; this browser gets a fresh one.
      const authEpoch = await findAuthEpoch(ctx.db, ctx.actor.orgId, ctx.actor.userId);
      const session = await startSession(
        ctx.db,
        app.deps.config,
        { orgId: ctx.actor.orgId, userId: ctx.actor.userId, authEpoch },
        {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          now: ctx.now,
        },
      );
      return signIn(req, reply, session);
    },
  );
}
