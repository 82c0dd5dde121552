import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams } from '../../lib/schemas.ts';
import { SavedViewCreate, SavedViewListQuery, SavedViewOut, SavedViewPatch } from './views.schema.ts';
import * as svc from './views.service.ts';

export async function savedViewsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['saved views'];

  r.get(
    '/api/v1/saved-views',
    {
      schema: {
        tags,
        description: "The caller's own views of a list and those shared with the organisation.",
        querystring: SavedViewListQuery,
        response: { 200: Type.Object({ items: Type.Array(SavedViewOut) }), ...errorResponses },
      },
    },
    async (req) => svc.listSavedViews(ctxOf(req), req.query.entity),
  );
  r.post(
    '/api/v1/saved-views',
    { schema: { tags, body: SavedViewCreate, response: { 201: SavedViewOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createSavedView(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/v1/saved-views/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: SavedViewPatch,
        response: { 200: SavedViewOut, ...errorResponses },
      },
    },
    async (req) => svc.updateSavedView(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/saved-views/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteSavedView(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
