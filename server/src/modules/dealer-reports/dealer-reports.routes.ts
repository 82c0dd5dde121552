import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams, ListOf } from '../../lib/schemas.ts';
import { EXPORT_CONTENT_TYPES } from '../../lib/export-writers.ts';
import {
  DealerDiagnosisOut,
  DealerDiagnosisQuery,
  DealerExportQuery,
  DealerGridOut,
  DealerGridSave,
  DealerMetricsOut,
  DealerMetricsQuery,
  DealerReportCreate,
  DealerReportListQuery,
  DealerReportOut,
  DealerReportPatch,
} from './dealer-reports.schema.ts';
import * as svc from './dealer-reports.service.ts';
import * as analytics from './dealer-analytics.service.ts';

function sendFile(reply: FastifyReply, format: 'csv' | 'xlsx', body: string | Buffer) {
  const stamp = new Date().toISOString().slice(0, 10);
  reply.header('content-disposition', `attachment; filename="dealer-reports-${stamp}.${format}"`);
  reply.type(format === 'csv' ? `${EXPORT_CONTENT_TYPES.csv}; charset=utf-8` : EXPORT_CONTENT_TYPES.xlsx);
  return reply.serializer((p: unknown) => p as string).send(body);
}

export async function dealerReportsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['dealerReports'];

  r.get(
    '/api/v1/dealer-reports',
    {
      schema: {
        tags,
        description:
          "Dealer monthly reports (月度进销存) of customers within the caller's scope, newest month first; from/to are months (YYYY-MM), flagged=true only rows with a mismatch.",
        querystring: DealerReportListQuery,
        response: { 200: ListOf(DealerReportOut), ...errorResponses },
      },
    },
    async (req) => svc.listReports(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/dealer-reports',
    {
      schema: {
        tags,
        description:
          "One report; openingStock defaults to the previous month's closing. Mismatches are flagged.",
        body: DealerReportCreate,
        response: { 201: DealerReportOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createReport(ctxOf(req), req.body)),
  );
  r.put(
    '/api/v1/dealer-reports/grid',
    {
      schema: {
        tags,
        description: "A dealer's month in one transaction: each product's row created or replaced.",
        body: DealerGridSave,
        response: { 200: DealerGridOut, ...errorResponses },
      },
    },
    async (req) => svc.saveGrid(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/dealer-reports/metrics',
    {
      schema: {
        tags,
        description:
          'Chart series per product of one dealer: sell-in, our shipments, sell-out, stock, sell-through, cover and turnover days, share, trends.',
        querystring: DealerMetricsQuery,
        response: { 200: DealerMetricsOut, ...errorResponses },
      },
    },
    async (req) => analytics.metrics(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/dealer-reports/diagnosis',
    {
      schema: {
        tags,
        description:
          'Dealers × products needing attention in a month (default the latest): stock building up, sales falling, stock-out risk; per owner, within scope.',
        querystring: DealerDiagnosisQuery,
        response: { 200: DealerDiagnosisOut, ...errorResponses },
      },
    },
    async (req) => analytics.diagnosis(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/dealer-reports/export',
    {
      schema: {
        tags,
        querystring: DealerExportQuery,
        response: {
          200: Type.String({ description: 'text/csv (UTF-8 with BOM) or xlsx file' }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const { format = 'xlsx', ...q } = req.query;
      return sendFile(reply, format, await analytics.exportReports(ctxOf(req), q, format));
    },
  );
  r.get(
    '/api/v1/dealer-reports/:id',
    { schema: { tags, params: IdParams, response: { 200: DealerReportOut, ...errorResponses } } },
    async (req) => svc.getReport(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/dealer-reports/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: DealerReportPatch,
        response: { 200: DealerReportOut, ...errorResponses },
      },
    },
    async (req) => svc.updateReport(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/dealer-reports/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteReport(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
