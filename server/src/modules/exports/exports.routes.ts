import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { notFound } from '../../lib/errors.ts';
import type { ExportEncoding, ExportFormat } from '../../lib/export-writers.ts';
import { errorResponses, IdParams, Uuid } from '../../lib/schemas.ts';
import { exportsDir } from './export-job.service.ts';
import {
  contentType,
  exportFile,
  exportFileName,
  getExport,
  openExport,
  parseColumns,
  startExport,
  writeExport,
} from './exports.service.ts';
import {
  EXPORT_ENTITIES,
  ExportCreate,
  ExportOut,
  exportQuerySchema,
  type ExportEntity,
} from './exports.schema.ts';

const FileOut = Type.String({ description: 'the file: text/csv or xlsx' });

/**
 * Streams the export as it is read: checks, count and audit happen before the first byte (so an
 * error is still a JSON answer); afterwards a failure can only cut the download short.
 */
async function streamExport(entity: ExportEntity, req: FastifyRequest, reply: FastifyReply) {
  const {
    format = 'xlsx',
    encoding = 'utf-8',
    columns,
    ...query
  } = req.query as Record<string, unknown> & {
    format?: ExportFormat;
    encoding?: ExportEncoding;
    columns?: string;
  };
  const ctx = ctxOf(req);
  const opts = { format, encoding, columns: parseColumns(columns) };
  const reader = await openExport(ctx, entity, query, opts);
  const out = new PassThrough();
  writeExport(reader, out, opts).catch((err: Error) => {
    if (!out.destroyed) req.log.error({ err, entity }, 'export stream failed');
    out.destroy(err);
  });
  reply.header('content-disposition', `attachment; filename="${exportFileName(entity, format, ctx.now)}"`);
  reply.header('x-export-rows', String(reader.total));
  reply.header('cache-control', 'private, no-store');
  reply.type(contentType(format, encoding));
  return reply.send(out);
}

export async function exportsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  for (const entity of EXPORT_ENTITIES)
    r.get(
      `/api/v1/${entity}/export`,
      {
        schema: {
          tags: [entity],
          description:
            'The list as a file, streamed: the same filters, sort and data scope, masked fields stay masked, formula-like cells neutralised.',
          querystring: exportQuerySchema(entity),
          response: { 200: FileOut, ...errorResponses },
        },
      },
      async (req, reply) => streamExport(entity, req, reply),
    );

  const tags = ['exports'];
  r.post(
    '/api/v1/exports',
    {
      schema: {
        tags,
        description: 'A large export as a background job: poll GET /exports/:id, then download its file.',
        body: ExportCreate,
        response: { 202: Type.Object({ id: Uuid }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(202).send(await startExport(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/exports/:id',
    { schema: { tags, params: IdParams, response: { 200: ExportOut, ...errorResponses } } },
    async (req) => getExport(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/exports/:id/file',
    { schema: { tags, params: IdParams, response: { 200: FileOut, ...errorResponses } } },
    async (req, reply) => {
      const file = await exportFile(ctxOf(req), req.params.id);
      const full = path.join(exportsDir(app.deps.config.filesDir), ...file.relative);
      const stat = await fs.promises.stat(full).catch(() => null);
      // Deleted by the daily cleanup.
      if (!stat) throw notFound('export');
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('content-length', String(stat.size));
      reply.type(file.contentType);
      reply.header('cache-control', 'private, no-store');
      return reply.send(fs.createReadStream(full) as unknown as string);
    },
  );
}
