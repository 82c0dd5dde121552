import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { Nullable, Uuid } from '../../lib/schemas.ts';
import { AppError } from '../../lib/errors.ts';
import { resolveSession, type NewSession } from './auth.service.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.plugin.ts';

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
          Object.entries(actor.permissions).map(([e, acts]) => [
            e,
            acts.filter((a) => actor.apiKey!.scopes.includes(`${e}:${a}`)),
          ]),
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
  reply.setCookie(
    SESSION_COOKIE,
    session.token,
    sessionCookieOptions(config.session.secureCookie, session.maxAgeSeconds),
  );
  const resolved = await resolveSession(database.db, config, session.token, request.server.deps.now());
  if (resolved === 'expired') throw new AppError('SESSION_EXPIRED');
  request.actor = resolved.actor;
  request.profile = resolved.profile;
  request.session = { id: resolved.sessionId, csrfToken: resolved.csrfToken };
  return { user: loadMe(request, session.csrfToken), csrfToken: session.csrfToken };
}
