import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import { PartnerCreate, PartnerListQuery, PartnerOut, PartnerPatch } from './partners.schema.ts';
import * as svc from './partners.service.ts';

export async function partnersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['partners'];

  r.get(
    '/api/v1/partners',
    {
      schema: {
        tags,
        description:
          'Suppliers and trade partners (banks, insurers, couriers, forwarders). q matches name, main products, phone, email and contacts.',
        querystring: PartnerListQuery,
        response: { 200: ListOf(PartnerOut), ...errorResponses },
      },
    },
    async (req) => svc.listPartners(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/partners',
    { schema: { tags, body: PartnerCreate, response: { 201: PartnerOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createPartner(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/partners/:id',
    { schema: { tags, params: IdParams, response: { 200: PartnerOut, ...errorResponses } } },
    async (req) => svc.getPartner(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/partners/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: PartnerPatch,
        response: { 200: PartnerOut, ...errorResponses },
      },
    },
    async (req) => svc.updatePartner(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/partners/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deletePartner(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/partners/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: PartnerOut, ...errorResponses } } },
    async (req) => svc.restorePartner(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/partners/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.partnerHistory(ctxOf(req), req.params.id),
  );
}
