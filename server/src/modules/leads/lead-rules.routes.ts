import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams } from '../../lib/schemas.ts';
import {
  BulkAssignBody,
  BulkAssignOut,
  LeadRuleCreate,
  LeadRuleList,
  LeadRuleOut,
  LeadRulePatch,
  LeadRuleReorder,
  LeadSettingsSchema,
} from './lead-rules.schema.ts';
import * as rules from './lead-rules.service.ts';
import { getLeadSettings, putLeadSettings } from './lead-settings.service.ts';
import { bulkAssignLeads } from './lead-assignment.service.ts';

/** Lead assignment: the ordered rules, the first-contact settings and bulk reassignment. */
export async function leadAssignmentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['lead-assignment'];

  r.get(
    '/api/v1/lead-rules',
    {
      schema: {
        tags,
        description:
          'The assignment rules in their order; the first active rule matching a lead picks its owner.',
        response: { 200: LeadRuleList, ...errorResponses },
      },
    },
    async (req) => rules.listLeadRules(ctxOf(req)),
  );
  r.post(
    '/api/v1/lead-rules',
    { schema: { tags, body: LeadRuleCreate, response: { 201: LeadRuleOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await rules.createLeadRule(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/lead-rules/reorder',
    {
      schema: {
        tags,
        description: 'The new order: every live rule id exactly once.',
        body: LeadRuleReorder,
        response: { 200: LeadRuleList, ...errorResponses },
      },
    },
    async (req) => rules.reorderLeadRules(ctxOf(req), req.body),
  );
  r.patch(
    '/api/v1/lead-rules/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: LeadRulePatch,
        response: { 200: LeadRuleOut, ...errorResponses },
      },
    },
    async (req) => rules.updateLeadRule(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/lead-rules/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await rules.deleteLeadRule(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/lead-assignment/settings',
    { schema: { tags, response: { 200: LeadSettingsSchema, ...errorResponses } } },
    async (req) => getLeadSettings(ctxOf(req)),
  );
  r.put(
    '/api/v1/lead-assignment/settings',
    { schema: { tags, body: LeadSettingsSchema, response: { 200: LeadSettingsSchema, ...errorResponses } } },
    async (req) => putLeadSettings(ctxOf(req), req.body),
  );
  r.post(
    '/api/v1/leads/bulk-assign',
    {
      schema: {
        tags,
        description:
          "Hands up to 1000 leads within the caller's data scope to one owner: a new first-contact deadline, escalation cleared.",
        body: BulkAssignBody,
        response: { 200: BulkAssignOut, ...errorResponses },
      },
    },
    async (req) => bulkAssignLeads(ctxOf(req), req.body),
  );
}
