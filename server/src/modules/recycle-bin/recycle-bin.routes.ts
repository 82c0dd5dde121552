import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, ListOf } from '../../lib/schemas.ts';
import { BinItem, RecycleBinQuery } from './recycle-bin.schema.ts';
import { listRecycleBin } from './recycle-bin.service.ts';

/** Lists deleted records; each comes back with POST /api/v1/<entity>/:id/restore. */
export async function recycleBinRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/recycle-bin',
    {
      schema: {
        tags: ['recycle-bin'],
        querystring: RecycleBinQuery,
        response: { 200: ListOf(BinItem), ...errorResponses },
      },
    },
    async (req) => listRecycleBin(ctxOf(req), req.query),
  );
}
