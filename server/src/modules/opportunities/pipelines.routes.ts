import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams } from '../../lib/schemas.ts';
import {
  PipelineCreate,
  PipelineOut,
  PipelinePatch,
  StageCreate,
  StageParams,
  StagePatch,
  StageReorder,
} from './pipelines.schema.ts';
import * as svc from './pipelines.service.ts';

export async function pipelinesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['pipelines'];
  const one = { 200: PipelineOut, ...errorResponses };

  r.get(
    '/api/v1/pipelines',
    {
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(PipelineOut) }), ...errorResponses } },
    },
    async (req) => svc.listPipelines(ctxOf(req)),
  );
  r.post(
    '/api/v1/pipelines',
    { schema: { tags, body: PipelineCreate, response: { 201: PipelineOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createPipeline(ctxOf(req), req.body)),
  );
  r.get('/api/v1/pipelines/:id', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    svc.getPipeline(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/pipelines/:id',
    { schema: { tags, params: IdParams, body: PipelinePatch, response: one } },
    async (req) => svc.updatePipeline(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/pipelines/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deletePipeline(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/pipelines/:id/stages',
    {
      schema: {
        tags,
        params: IdParams,
        body: StageCreate,
        response: { 201: PipelineOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addStage(ctxOf(req), req.params.id, req.body)),
  );
  r.post(
    '/api/v1/pipelines/:id/stages/reorder',
    { schema: { tags, params: IdParams, body: StageReorder, response: one } },
    async (req) => svc.reorderStages(ctxOf(req), req.params.id, req.body.ids),
  );
  r.patch(
    '/api/v1/pipelines/:id/stages/:stageId',
    { schema: { tags, params: StageParams, body: StagePatch, response: one } },
    async (req) => svc.updateStage(ctxOf(req), req.params.id, req.params.stageId, req.body),
  );
  r.delete(
    '/api/v1/pipelines/:id/stages/:stageId',
    { schema: { tags, params: StageParams, response: one } },
    async (req) => svc.deleteStage(ctxOf(req), req.params.id, req.params.stageId),
  );
}
