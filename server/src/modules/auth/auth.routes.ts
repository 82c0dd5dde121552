import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, Nullable, Uuid } from '../../lib/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { changeOwnPassword, getUser, updateUser } from '../users/users.service.ts';
import { endSession, login, resolveSession, startSession, type NewSession } from './auth.service.ts';
import { findAuthEpoch } from './sessions.repository.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin.ts';
import { verifyPassword } from './password.ts';

export const MeOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  orgId: Uuid,
  orgName: Type.String(),
  roles: Type.Array(Type.String()),
  role: Type.Object({ id: Uuid, key: Type.String(), name: Type.String(), dataScope: Type.String() }),
  permissions: Type.Record(Type.String(), Type.Array(Type.String())),
  locale: Type.String(),
  csrfToken: Nullable(Type.String()),
  isInstanceAdmin: Type.Boolean(),
  departmentId: Nullable(Uuid),
  teamId: Nullable(Uuid),
  version: Type.Integer(),
});

export const LoginOut = Type.Object({ user: MeOut, csrfToken: Type.String() });

/** GET /me, built from the profile read with the session: no query of its own. */
export function loadMe(request: FastifyRequest, csrfToken: string | null) {
  const actor = ctxOf(request).actor;
  const p = request.profile;
  if (!p) throw new AppError('UNAUTHENTICATED');
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    phone: p.phone,
    version: p.version,
    orgId: actor.orgId,
    orgName: p.orgName,
    roles: [actor.roleKey],
    role: { id: p.roleId, key: actor.roleKey, name: p.roleName, dataScope: actor.dataScope },
    permissions: actor.apiKey
      ? Object.fromEntries(
          Object.entries(actor.permissions).map(([e, acts]) => [e, acts.filter((a) => actor.apiKey!.scopes.includes(`${e}:${a}`))]),
        )
      : actor.permissions,
    locale: p.locale,
    csrfToken,
    isInstanceAdmin: actor.isInstanceAdmin,
    departmentId: actor.departmentId,
    teamId: actor.teamId,
  };
}

/** Sets the session cookie and makes the new session the request's own. */
export async function signIn(request: FastifyRequest, reply: FastifyReply, session: NewSession) {
  const { config, database } = request.server.deps;
  reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(config.session.secureCookie, session.maxAgeSeconds));
  const resolved = await resolveSession(database.db, config, session.token, request.server.deps.now());
  if (resolved === 'expired') throw new AppError('SESSION_EXPIRED');
  request.actor = resolved.actor;
  request.profile = resolved.profile;
  request.session = { id: resolved.sessionId, csrfToken: resolved.csrfToken };
  return { user: loadMe(request, session.csrfToken), csrfToken: session.csrfToken };
}

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
      const self = { ...ctx, actor: { ...ctx.actor, dataScope: 'org' as const, permissions: { users: ['read' as const, 'update' as const] }, apiKey: null } };
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
          { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 8, maxLength: 200 }) },
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
      const session = await startSession(ctx.db, app.deps.config, { orgId: ctx.actor.orgId, userId: ctx.actor.userId, authEpoch }, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        now: ctx.now,
      });
      return signIn(req, reply, session);
    },
  );
}
