import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses } from '../../lib/schemas.ts';
import { ContactTargetsSchema, OverdueOut, OverdueQuery } from './contact-frequency.schema.ts';
import * as svc from './contact-frequency.service.ts';

/** Contact-frequency targets by grade, and the customers below them. */
export async function contactFrequencyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['contact-frequency'];
  r.get(
    '/api/v1/settings/contact-frequency',
    { schema: { tags, response: { 200: ContactTargetsSchema, ...errorResponses } } },
    async (req) => svc.getContactTargets(ctxOf(req)),
  );
  r.put(
    '/api/v1/settings/contact-frequency',
    {
      schema: {
        tags,
        body: ContactTargetsSchema,
        response: { 200: ContactTargetsSchema, ...errorResponses },
      },
    },
    async (req) => svc.putContactTargets(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/contact-frequency/overdue',
    {
      schema: {
        tags,
        description:
          'Owned customers overdue for contact (days since the last contact, or since creation, beyond their grade target), most overdue first, with counts per rep and team.',
        querystring: OverdueQuery,
        response: { 200: OverdueOut, ...errorResponses },
      },
    },
    async (req) => svc.listBelowTarget(ctxOf(req), req.query),
  );
}
