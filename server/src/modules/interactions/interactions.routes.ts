import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { AppError } from '../../lib/errors.ts';
import { ErrorSchema, errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  ActivityOut,
  AttachmentOut,
  InteractionCreate,
  InteractionListQuery,
  InteractionOut,
  InteractionPatch,
  TimelineOut,
  TimelineQuery,
} from './interactions.schema.ts';
import * as svc from './interactions.service.ts';
import * as files from './attachments.service.ts';
import { customerActivity, customerTimeline } from './timeline.service.ts';
import { contentDisposition } from './attachment-rules.ts';

export async function interactionsRoutes(app: FastifyInstance): Promise<void> {
  const { attachmentsDir, attachmentMaxMb } = app.deps.config;
  await app.register(multipart, { limits: { fileSize: attachmentMaxMb * 1024 * 1024, files: 1, fields: 5 } });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['interactions'];

  r.get(
    '/api/v1/interactions',
    {
      schema: {
        tags,
        querystring: InteractionListQuery,
        response: { 200: ListOf(InteractionOut), ...errorResponses },
      },
    },
    async (req) => svc.listInteractions(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/interactions',
    { schema: { tags, body: InteractionCreate, response: { 201: InteractionOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createInteraction(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/interactions/:id',
    { schema: { tags, params: IdParams, response: { 200: InteractionOut, ...errorResponses } } },
    async (req) => svc.getInteraction(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/interactions/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: InteractionPatch,
        response: { 200: InteractionOut, ...errorResponses },
      },
    },
    async (req) => svc.updateInteraction(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/interactions/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteInteraction(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/interactions/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: InteractionOut, ...errorResponses } } },
    async (req) => svc.restoreInteraction(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/interactions/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.interactionHistory(ctxOf(req), req.params.id),
  );

  r.post(
    '/api/v1/interactions/:id/attachments',
    {
      schema: {
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentOut, ...errorResponses, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const data = await req.file();
      if (!data) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'required' }]);
      let bytes: Buffer;
      try {
        bytes = await data.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('PAYLOAD_TOO_LARGE', { limit: attachmentMaxMb }, { maxMb: attachmentMaxMb });
        throw err;
      }
      const out = await files.uploadAttachment(ctx, attachmentsDir, req.params.id, {
        fileName: data.filename,
        declaredType: data.mimetype,
        bytes,
      });
      return reply.status(201).send(out);
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.String({ description: 'the file, as an attachment' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, bytes } = await files.openAttachment(ctxOf(req), attachmentsDir, req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
  r.delete(
    '/api/v1/attachments/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await files.deleteAttachment(ctxOf(req), attachmentsDir, req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/customers/:id/activity',
    { schema: { tags, params: IdParams, response: { 200: ActivityOut, ...errorResponses } } },
    async (req) => customerActivity(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/customers/:id/timeline',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: TimelineOut, ...errorResponses },
      },
    },
    async (req) => customerTimeline(ctxOf(req), req.params.id, req.query),
  );
}
