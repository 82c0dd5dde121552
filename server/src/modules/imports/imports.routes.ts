import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { ctxOf } from '../../plugins/context.ts';
import { newId } from '../../db/columns.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { ErrorSchema, errorResponses, IdParams, Nullable } from '../../lib/schemas.ts';
import {
  EntitiesOut,
  ErrorsQuery,
  ImportListQuery,
  ImportModeSchema,
  ImportOut,
  MappingTemplateCreate,
  MappingTemplateOut,
  PreviewBody,
  StartBody,
  TemplateQuery,
  UploadOut,
} from './imports.schema.ts';
import * as svc from './imports.service.ts';
import { errorReport, templateFile } from './import-files.service.ts';
import type { ImportFiles } from './imports.service.ts';
import type { ImportMode } from './imports.table.ts';

const FileOut = Type.String({ description: 'the file' });
const ImportPage = Type.Object({ items: Type.Array(ImportOut), nextCursor: Nullable(Type.String()) });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** TypeBox errors of a JSON body → field errors (for the route that takes JSON or multipart). */
function bodyErrors(schema: TSchema, body: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const e of Value.Errors(schema, body)) {
    const field = e.instancePath.split('/').filter(Boolean).join('.') || 'body';
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required')
      for (const name of (p.requiredProperties as string[] | undefined) ?? [])
        out.push({ field: name, code: 'required' });
    else if (e.keyword === 'additionalProperties')
      for (const extra of (p.additionalProperties as string[] | undefined) ?? [])
        out.push({ field: extra, code: 'unknownField' });
    else if (e.keyword === 'enum') out.push({ field, code: 'enum', params: { allowed: p.allowedValues } });
    else if (e.keyword !== 'anyOf' && e.keyword !== 'boolean') out.push({ field, code: 'invalid' });
  }
  return out;
}

/** Streams a multipart upload to the import's file; the other parts are returned as text fields. */
async function receive(req: FastifyRequest, files: ImportFiles, orgId: string, id: string) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let file: { fileName: string; rel: string; abs: string; bytes: number } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      const target = await svc.uploadTarget(files, orgId, id);
      let bytes = 0;
      part.file.on('data', (c: Buffer) => (bytes += c.length));
      await pipeline(part.file, createWriteStream(target.abs));
      if (part.file.truncated) {
        await rm(target.abs, { force: true });
        const maxMb = Math.round(files.limits.maxBytes / 1024 / 1024);
        throw new AppError('PAYLOAD_TOO_LARGE', { limit: maxMb }, { maxMb });
      }
      file = { fileName: part.filename || 'upload', ...target, bytes };
    } else if (
      typeof part.value === 'string' &&
      ['entity', 'mode', 'mapping', 'key', 'encoding', 'delimiter', 'tags'].includes(part.fieldname)
    ) {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'file', code: 'required' }]);
  if (!fields.entity) {
    await rm(file.abs, { force: true });
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'entity', code: 'required' }]);
  }
  return { file, fields };
}

export async function importsRoutes(app: FastifyInstance): Promise<void> {
  const files = svc.importFiles(app.deps.config);
  await app.register(multipart, {
    limits: { fileSize: files.limits.maxBytes, files: 1, fields: 10, fieldSize: 1024 * 1024 },
  });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['imports'];

  r.get(
    '/api/v1/imports/entities',
    { schema: { tags, response: { 200: EntitiesOut, ...errorResponses } } },
    async (req) => svc.listEntities(ctxOf(req)),
  );
  r.get(
    '/api/v1/imports/template',
    { schema: { tags, querystring: TemplateQuery, response: { 200: FileOut, ...errorResponses } } },
    async (req, reply) => {
      const f = await templateFile(ctxOf(req), req.query.entity, req.query.format ?? 'xlsx');
      return reply
        .header('content-disposition', attachment(f.fileName))
        .type(f.contentType)
        .send(f.body as unknown as string);
    },
  );
  r.post(
    '/api/v1/imports/uploads',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        response: { 201: UploadOut, ...errorResponses, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      svc.need(ctx, 'create');
      const id = newId();
      const { file, fields } = await receive(req, files, ctx.actor.orgId, id);
      const out = await svc.createUpload(ctx, files, id, {
        entity: fields.entity!,
        ...file,
        encoding: fields.encoding || null,
        delimiter: fields.delimiter || null,
      });
      return reply.status(201).send(out);
    },
  );
  r.post(
    '/api/v1/imports/uploads/:id/preview',
    {
      schema: { tags, params: IdParams, body: PreviewBody, response: { 200: UploadOut, ...errorResponses } },
    },
    async (req) => svc.previewUpload(ctxOf(req), files, req.params.id, req.body),
  );
  // api.md: multipart (file, entity, mode, mapping as { header: field }) — or JSON naming an upload.
  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data', 'application/json'],
        response: { 202: Type.Object({ id: Type.String() }), ...errorResponses, 413: ErrorSchema },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) {
        const errors = bodyErrors(StartBody, req.body ?? {});
        if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
        const body = req.body as StartBody;
        return reply.status(202).send(await svc.startImport(ctx, files, body.uploadId, body));
      }
      svc.need(ctx, 'create');
      const id = newId();
      const { file, fields } = await receive(req, files, ctx.actor.orgId, id);
      const errors: FieldError[] = [];
      const mode = (fields.mode ?? 'create') as ImportMode;
      if (!Value.Check(ImportModeSchema, mode))
        errors.push({
          field: 'mode',
          code: 'enum',
          params: { allowed: ['create', 'upsert', 'skip-duplicates'] },
        });
      let mappingByHeader: Record<string, string | null> | undefined;
      if (fields.mapping) {
        try {
          const parsed: unknown = JSON.parse(fields.mapping);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            throw new Error('not an object');
          // Entries, not property access: a header named __proto__ stays a plain string.
          mappingByHeader = Object.fromEntries(
            Object.entries(parsed as Record<string, unknown>).map(([h, f]) => [
              h,
              typeof f === 'string' ? f : null,
            ]),
          );
        } catch {
          errors.push({ field: 'mapping', code: 'invalid' });
        }
      }
      if (errors.length) {
        await rm(file.abs, { force: true });
        throw new AppError('VALIDATION_FAILED', {}, errors);
      }
      const out = await svc.importInOneStep(
        ctx,
        files,
        id,
        {
          entity: fields.entity!,
          ...file,
          encoding: fields.encoding || null,
          delimiter: fields.delimiter || null,
        },
        { mode, key: fields.key || null, mappingByHeader },
      );
      return reply.status(202).send(out);
    },
  );
  r.get(
    '/api/v1/imports',
    { schema: { tags, querystring: ImportListQuery, response: { 200: ImportPage, ...errorResponses } } },
    async (req) => svc.listImports(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/imports/:id',
    { schema: { tags, params: IdParams, response: { 200: ImportOut, ...errorResponses } } },
    async (req) => svc.getImport(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/imports/:id/errors',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: ErrorsQuery,
        response: { 200: FileOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await errorReport(ctxOf(req), files, req.params.id, req.query.format ?? 'csv');
      return reply
        .header('content-disposition', attachment(f.fileName))
        .type(f.contentType)
        .send(f.stream as unknown as string);
    },
  );
  r.post(
    '/api/v1/imports/:id/undo',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 202: Type.Object({ id: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.undoImport(ctxOf(req), req.params.id)),
  );
  r.get(
    '/api/v1/import-templates',
    {
      schema: {
        tags,
        querystring: Type.Object(
          { entity: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(MappingTemplateOut) }), ...errorResponses },
      },
    },
    async (req) => svc.listTemplates(ctxOf(req), req.query.entity),
  );
  r.post(
    '/api/v1/import-templates',
    {
      schema: { tags, body: MappingTemplateCreate, response: { 201: MappingTemplateOut, ...errorResponses } },
    },
    async (req, reply) => reply.status(201).send(await svc.createTemplate(ctxOf(req), req.body)),
  );
  r.delete(
    '/api/v1/import-templates/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteTemplate(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
