import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { ctxOf } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { DateTime, errorResponses, IdParams, ListOf, Nullable, Uuid } from '../../lib/schemas.ts';
import { API_SCOPES, can } from '../access/permissions.ts';
import { audit } from '../audit/index.ts';
import { randomToken, sha256 } from './password.ts';
import { apiKeys } from './auth.table.ts';

const ApiKeyOut = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  userId: Uuid,
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});

export async function apiKeysRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['api-keys'];
  const cols = {
    id: apiKeys.id,
    name: apiKeys.name,
    prefix: apiKeys.prefix,
    scopes: apiKeys.scopes,
    userId: apiKeys.userId,
    createdAt: apiKeys.createdAt,
    lastUsedAt: apiKeys.lastUsedAt,
    revokedAt: apiKeys.revokedAt,
  };

  r.get('/api/v1/api-keys/scopes', { schema: { tags, response: { 200: Type.Object({ scopes: Type.Array(Type.String()) }), ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    if (!can(ctx.actor, 'apiKeys', 'read')) throw forbidden('apiKeys', 'read');
    return { scopes: API_SCOPES };
  });

  r.get('/api/v1/api-keys', { schema: { tags, response: { 200: ListOf(ApiKeyOut), ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    if (!can(ctx.actor, 'apiKeys', 'read')) throw forbidden('apiKeys', 'read');
    return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      const items = await tx.select(cols).from(apiKeys).where(eq(apiKeys.orgId, ctx.actor.orgId)).orderBy(desc(apiKeys.createdAt)).limit(500);
      return { items, total: items.length, nextCursor: null };
    });
  });

  r.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 200, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Uuid, token: Type.String(), prefix: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'apiKeys', 'create') || ctx.actor.apiKey) throw forbidden('apiKeys', 'create');
      const bad = req.body.scopes.findIndex((s) => !API_SCOPES.includes(s));
      if (bad >= 0) throw new AppError('VALIDATION_FAILED', {}, [{ field: `scopes[${bad}]`, code: 'enum', params: { allowed: 'GET /api/v1/api-keys/scopes' } }]);
      const token = `gx_${randomToken(30)}`;
      const prefix = token.slice(0, 10);
      const id = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
        const [row] = await tx
          .insert(apiKeys)
          .values({ orgId: ctx.actor.orgId, name: req.body.name, prefix, tokenHash: sha256(token), scopes: req.body.scopes, userId: ctx.actor.userId, createdAt: ctx.now })
          .returning({ id: apiKeys.id });
        await audit(tx, ctx, 'apiKeys', row!.id, 'create', [
          { field: 'name', old: null, new: req.body.name },
          { field: 'scopes', old: null, new: req.body.scopes },
        ]);
        return row!.id;
      });
      return reply.status(201).send({ id, token, prefix });
    },
  );

  r.delete('/api/v1/api-keys/:id', { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    if (!can(ctx.actor, 'apiKeys', 'delete')) throw forbidden('apiKeys', 'delete');
    await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
      const rows = await tx
        .update(apiKeys)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(apiKeys.orgId, ctx.actor.orgId), eq(apiKeys.id, req.params.id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      if (!rows.length) throw notFound('apiKey');
      await audit(tx, ctx, 'apiKeys', req.params.id, 'revoke');
    });
    return reply.status(204).send(null);
  });
}
