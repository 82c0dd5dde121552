import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, ListOf } from '../../lib/schemas.ts';
import { AuditOut, AuditQuery } from './audit.schema.ts';
import { listAuditLog } from './audit-log.service.ts';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: ListOf(AuditOut), ...errorResponses },
      },
    },
    async (req) => listAuditLog(ctxOf(req), req.query),
  );
}
