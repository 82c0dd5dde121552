import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  IntakeBody,
  IntakeOut,
  LeadCreate,
  LeadListQuery,
  LeadOut,
  LeadPatch,
  QualifyBody,
} from './leads.schema.ts';
import * as svc from './leads.service.ts';
import { intakeLeads } from './lead-intake.service.ts';

export async function leadsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['leads'];

  r.get(
    '/api/v1/leads',
    { schema: { tags, querystring: LeadListQuery, response: { 200: ListOf(LeadOut), ...errorResponses } } },
    async (req) => svc.listLeads(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/leads',
    { schema: { tags, body: LeadCreate, response: { 201: LeadOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createLead(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/leads/intake',
    {
      schema: {
        tags,
        description:
          'Connector API for B2B platforms: up to 500 inquiries, idempotent by (source, externalId).',
        body: IntakeBody,
        response: { 200: IntakeOut, ...errorResponses },
      },
    },
    async (req) => intakeLeads(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/leads/:id',
    { schema: { tags, params: IdParams, response: { 200: LeadOut, ...errorResponses } } },
    async (req) => svc.getLead(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/leads/:id',
    { schema: { tags, params: IdParams, body: LeadPatch, response: { 200: LeadOut, ...errorResponses } } },
    async (req) => svc.updateLead(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/leads/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteLead(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/leads/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: LeadOut, ...errorResponses } } },
    async (req) => svc.restoreLead(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/leads/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.leadHistory(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/leads/:id/qualify',
    {
      schema: {
        tags,
        description: 'MAN qualification: money, authority, need (yes/no/unknown) → status qualified.',
        params: IdParams,
        body: QualifyBody,
        response: { 200: LeadOut, ...errorResponses },
      },
    },
    async (req) => svc.qualifyLead(ctxOf(req), req.params.id, req.body),
  );
}
