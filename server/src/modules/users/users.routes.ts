import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import { RevealBody, UserCreate, UserListQuery, UserOut, UserPatch } from './users.schema.ts';
import * as svc from './users.service.ts';

export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/v1/users',
    { schema: { tags, querystring: UserListQuery, response: { 200: ListOf(UserOut), ...errorResponses } } },
    async (req) => svc.listUsers(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/users/export',
    {
      schema: {
        tags,
        querystring: Type.Object(
          {
            ...UserListQuery.properties,
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'text/csv or xlsx file' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { format = 'xlsx', ...query } = req.query;
      const body = await svc.exportUsers(ctxOf(req), query, format);
      const stamp = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="users-${stamp}.${format}"`);
      reply.type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      return reply.serializer((p: unknown) => p as string).send(body as string);
    },
  );
  r.post(
    '/api/v1/users',
    { schema: { tags, body: UserCreate, response: { 201: UserOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createUser(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/users/:id',
    { schema: { tags, params: IdParams, response: { 200: UserOut, ...errorResponses } } },
    async (req) => svc.getUser(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: IdParams, body: UserPatch, response: { 200: UserOut, ...errorResponses } } },
    async (req) => svc.updateUser(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/users/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteUser(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/users/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: UserOut, ...errorResponses } } },
    async (req) => svc.restoreUser(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/users/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.userHistory(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/users/:id/reveal',
    {
      schema: {
        tags,
        params: IdParams,
        body: RevealBody,
        response: {
          200: Type.Object({ value: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (req) => svc.revealUserField(ctxOf(req), req.params.id, req.body.field),
  );
}
