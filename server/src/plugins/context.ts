import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/types.ts';
import type { Locale } from '../i18n/messages.ts';
import type { Actor } from '../modules/access/permissions.ts';
import type { Profile } from '../modules/auth/auth.service.ts';
import { AppError } from '../lib/errors.ts';

export interface Deps {
  database: Database;
  config: Config;
  now: () => Date;
}

/** What a use case needs to know about its caller. */
export interface Ctx {
  db: Db;
  actor: Actor;
  locale: Locale;
  ip: string;
  now: Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
    profile: Profile | null;
    session: { id: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    /**
     * 'none': the caller's identity is not even read (sign-in, first run);
     * 'public': read if present, not required; default: sign-in required;
     * 'anonymous': like 'none', and callable from other sites (no same-origin check: it reads no
     * cookie, so there is nothing to forge) — public web forms embedded on customers' pages.
     */
    auth?: 'none' | 'public' | 'user' | 'anonymous';
  }
}

export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return {
    db: request.server.deps.database.db,
    actor: request.actor,
    locale: request.locale,
    ip: request.ip,
    now: request.server.deps.now(),
  };
}
