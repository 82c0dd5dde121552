import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses } from '../../lib/schemas.ts';
import { EXPORT_CONTENT_TYPES } from '../../lib/export-writers.ts';
import {
  AcquisitionExportQuery,
  AcquisitionOut,
  AcquisitionQuery,
  FunnelExportQuery,
  FunnelOut,
  FunnelQuery,
} from './sales-analytics.schema.ts';
import * as svc from './sales-analytics.service.ts';

function sendFile(reply: FastifyReply, name: string, format: 'csv' | 'xlsx', body: string | Buffer) {
  const stamp = new Date().toISOString().slice(0, 10);
  reply.header('content-disposition', `attachment; filename="${name}-${stamp}.${format}"`);
  reply.type(format === 'csv' ? `${EXPORT_CONTENT_TYPES.csv}; charset=utf-8` : EXPORT_CONTENT_TYPES.xlsx);
  return reply.serializer((p: unknown) => p as string).send(body);
}

export async function salesAnalyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['salesAnalytics'];
  const file = Type.String({ description: 'text/csv (UTF-8 with BOM) or xlsx file' });

  r.get(
    '/api/v1/sales-analytics/funnel',
    {
      schema: {
        tags,
        description:
          "Funnel of the opportunities created in [from, to) (default: the last 12 months) on a pipeline (default: the organisation's), within the caller's data scope. Definitions: docs/decisions/0009-funnel-definitions.md.",
        querystring: FunnelQuery,
        response: { 200: FunnelOut, ...errorResponses },
      },
    },
    async (req) => svc.getFunnel(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/sales-analytics/funnel/export',
    { schema: { tags, querystring: FunnelExportQuery, response: { 200: file, ...errorResponses } } },
    async (req, reply) => {
      const { format = 'xlsx', ...q } = req.query;
      return sendFile(reply, 'funnel', format, await svc.exportFunnel(ctxOf(req), q, format));
    },
  );
  r.get(
    '/api/v1/sales-analytics/acquisition',
    {
      schema: {
        tags,
        description:
          'Leads created and converted in the period, per channel and campaign with their conversion, new customers per month with growth, within the caller’s data scope.',
        querystring: AcquisitionQuery,
        response: { 200: AcquisitionOut, ...errorResponses },
      },
    },
    async (req) => svc.getAcquisition(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/sales-analytics/acquisition/export',
    { schema: { tags, querystring: AcquisitionExportQuery, response: { 200: file, ...errorResponses } } },
    async (req, reply) => {
      const { format = 'xlsx', ...q } = req.query;
      return sendFile(reply, 'acquisition', format, await svc.exportAcquisition(ctxOf(req), q, format));
    },
  );
}
