import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../lib/errors.ts';
import { pickLocale, type Locale } from '../../i18n/messages.ts';
import { resolveApiKey, resolveSession } from './auth.service.ts';

export const SESSION_COOKIE = 'gx_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // non-browser clients send none; browsers always send it on POST
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Resolves the caller (session cookie or API key) and guards browser writes against CSRF. */
async function auth(app: FastifyInstance): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('profile', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers['accept-language'];
    request.locale = pickLocale(header);
    if (!request.url.startsWith('/api/')) return;
    const { db } = app.deps.database;
    const now = app.deps.now();
    const mode = request.routeOptions.config?.auth;
    const isPublic = mode === 'public';
    const unsafe = !SAFE_METHODS.has(request.method);

    if (mode === 'anonymous') return;
    if (unsafe && !sameOrigin(request)) throw new AppError('CSRF_FAILED');
    if (mode === 'none') return;

    const authz = request.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const resolved = await resolveApiKey(db, authz.slice(7).trim(), now);
      if (!resolved) {
        if (isPublic) return;
        throw new AppError('INVALID_API_KEY');
      }
      request.actor = resolved.actor;
      request.profile = resolved.profile;
      if (!header) request.locale = pickLocale(resolved.locale);
      return;
    }

    const token = request.cookies[SESSION_COOKIE];
    if (!token) {
      if (isPublic) return;
      throw new AppError('UNAUTHENTICATED');
    }
    const resolved = await resolveSession(db, app.deps.config, token, now);
    if (resolved === 'expired') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (isPublic) return;
      throw new AppError('SESSION_EXPIRED');
    }
    request.actor = resolved.actor;
    request.profile = resolved.profile;
    request.session = { id: resolved.sessionId, csrfToken: resolved.csrfToken };
    if (!header) request.locale = pickLocale(resolved.locale) as Locale;
    if (unsafe && request.headers['x-csrf-token'] !== resolved.csrfToken) throw new AppError('CSRF_FAILED');
  });
}

export function sessionCookieOptions(secure: boolean, maxAgeSeconds: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: maxAgeSeconds };
}

export const authPlugin = fp(auth, { name: 'auth' });
