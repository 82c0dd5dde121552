import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  BoardOut,
  BoardQuery,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityOut,
  OpportunityPatch,
  StageChangeBody,
  StageChangeOut,
} from './opportunities.schema.ts';
import * as svc from './opportunities.service.ts';
import { changeStage, stageHistory } from './opportunity-stage.service.ts';
import { board } from './opportunity-board.service.ts';

export async function opportunitiesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['opportunities'];
  const one = { 200: OpportunityOut, ...errorResponses };

  r.get(
    '/api/v1/opportunities',
    {
      schema: {
        tags,
        querystring: OpportunityListQuery,
        response: { 200: ListOf(OpportunityOut), ...errorResponses },
      },
    },
    async (req) => svc.listOpportunities(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/opportunities/board',
    {
      schema: {
        tags,
        description:
          'Kanban board of a pipeline: per stage the count, the sums per currency and the first cards (newest change first).',
        querystring: BoardQuery,
        response: { 200: BoardOut, ...errorResponses },
      },
    },
    async (req) => board(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/opportunities',
    { schema: { tags, body: OpportunityCreate, response: { 201: OpportunityOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createOpportunity(ctxOf(req), req.body)),
  );
  r.get('/api/v1/opportunities/:id', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    svc.getOpportunity(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/opportunities/:id',
    { schema: { tags, params: IdParams, body: OpportunityPatch, response: one } },
    async (req) => svc.updateOpportunity(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/opportunities/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteOpportunity(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/opportunities/:id/restore',
    { schema: { tags, params: IdParams, response: one } },
    async (req) => svc.restoreOpportunity(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/opportunities/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.opportunityHistory(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/opportunities/:id/stage',
    { schema: { tags, params: IdParams, body: StageChangeBody, response: one } },
    async (req) => changeStage(ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/v1/opportunities/:id/stages',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(StageChangeOut) }), ...errorResponses },
      },
    },
    async (req) => stageHistory(ctxOf(req), req.params.id),
  );
}
