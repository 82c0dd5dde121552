import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams } from '../../lib/schemas.ts';
import { ConvertBody, ConvertOut } from './lead-conversion.schema.ts';
import { convertLead } from './lead-conversion.service.ts';

export async function leadConversionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags: ['leads'],
        description:
          'Converts a lead into customer + contact + opportunity in one step, reusing an existing customer when it is a duplicate.',
        params: IdParams,
        body: ConvertBody,
        response: { 200: ConvertOut, ...errorResponses },
      },
    },
    async (req) => convertLead(ctxOf(req), req.params.id, req.body),
  );
}
