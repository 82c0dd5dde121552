import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams, ListOf } from '../../lib/schemas.ts';
import { CreditOut, HoldOut, ReleaseBody, ResumeBody, SuspendBody } from './receivables.schema.ts';
import * as svc from './credit.service.ts';

export async function creditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['credit'];

  r.get(
    '/api/v1/credit/holds',
    {
      schema: {
        tags,
        description:
          "Orders on credit hold waiting for finance, oldest first, within the caller's customer scope.",
        response: { 200: ListOf(HoldOut), ...errorResponses },
      },
    },
    async (req) => svc.listHolds(ctxOf(req)),
  );
  r.post(
    '/api/v1/orders/:id/release-hold',
    {
      schema: {
        tags,
        description:
          'Finance releases the credit hold of an order (credit:update); the order may then be approved.',
        params: IdParams,
        body: ReleaseBody,
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errorResponses },
      },
    },
    async (req) => svc.releaseHold(ctxOf(req), req.params.id, req.body.note),
  );
  r.get(
    '/api/v1/customers/:id/credit',
    { schema: { tags, params: IdParams, response: { 200: CreditOut, ...errorResponses } } },
    async (req) => svc.customerCredit(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/customers/:id/credit/suspend',
    {
      schema: {
        tags,
        description: "Suspends the customer's ordering: its orders go on hold at submission until resumed.",
        params: IdParams,
        body: SuspendBody,
        response: { 200: CreditOut, ...errorResponses },
      },
    },
    async (req) => svc.setSuspended(ctxOf(req), req.params.id, true, req.body.reason.trim()),
  );
  r.post(
    '/api/v1/customers/:id/credit/resume',
    { schema: { tags, params: IdParams, body: ResumeBody, response: { 200: CreditOut, ...errorResponses } } },
    async (req) => svc.setSuspended(ctxOf(req), req.params.id, false, req.body.note?.trim() || null),
  );
}
