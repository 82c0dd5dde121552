import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { DateTime, errorResponses, IdParams, ListOf, Nullable, Uuid } from '../../lib/schemas.ts';
import * as svc from './api-keys.service.ts';

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

const ApiKeyCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 200, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export async function apiKeysRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['api-keys'];

  r.get(
    '/api/v1/api-keys/scopes',
    {
      schema: {
        tags,
        response: { 200: Type.Object({ scopes: Type.Array(Type.String()) }), ...errorResponses },
      },
    },
    async (req) => svc.apiKeyScopes(ctxOf(req)),
  );
  r.get(
    '/api/v1/api-keys',
    { schema: { tags, response: { 200: ListOf(ApiKeyOut), ...errorResponses } } },
    async (req) => svc.listApiKeys(ctxOf(req)),
  );
  r.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        body: ApiKeyCreate,
        response: {
          201: Type.Object({ id: Uuid, token: Type.String(), prefix: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createApiKey(ctxOf(req), req.body)),
  );
  r.delete(
    '/api/v1/api-keys/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.revokeApiKey(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
