import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, ErrorSchema, IdParams } from '../../lib/schemas.ts';
import {
  LeadFormCreate,
  LeadFormList,
  LeadFormOut,
  LeadFormPatch,
  PublicKeyParams,
  PublicSubmitOut,
  SnippetOut,
} from './lead-forms.schema.ts';
import { PUBLIC_BODY_LIMIT } from './lead-form-rules.ts';
import * as svc from './lead-forms.service.ts';

/** Any site may post to a public form; answers (errors too) carry the CORS headers. */
function cors(reply: FastifyReply) {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-allow-methods', 'POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type');
  reply.header('access-control-max-age', '86400');
  reply.header('access-control-expose-headers', 'retry-after');
}

export async function leadFormsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['leadForms'];

  r.get(
    '/api/v1/lead-forms',
    { schema: { tags, response: { 200: LeadFormList, ...errorResponses } } },
    async (req) => svc.listForms(ctxOf(req)),
  );
  r.post(
    '/api/v1/lead-forms',
    { schema: { tags, body: LeadFormCreate, response: { 201: LeadFormOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createForm(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/lead-forms/:id',
    { schema: { tags, params: IdParams, response: { 200: LeadFormOut, ...errorResponses } } },
    async (req) => svc.getForm(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/lead-forms/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: LeadFormPatch,
        response: { 200: LeadFormOut, ...errorResponses },
      },
    },
    async (req) => svc.updateForm(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/lead-forms/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteForm(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.get(
    '/api/v1/lead-forms/:id/snippet',
    { schema: { tags, params: IdParams, response: { 200: SnippetOut, ...errorResponses } } },
    async (req) => svc.formSnippetOf(ctxOf(req), req.params.id, `${req.protocol}://${req.host}`),
  );

  // The public endpoint: no login, callable from any site.
  r.options(
    '/api/v1/public/forms/:key',
    {
      config: { auth: 'anonymous' },
      onRequest: async (_req, reply) => cors(reply),
      schema: { tags, params: PublicKeyParams, hide: true },
    },
    async (_req, reply) => reply.status(204).send(),
  );
  r.post(
    '/api/v1/public/forms/:key',
    {
      config: { auth: 'anonymous' },
      bodyLimit: PUBLIC_BODY_LIMIT,
      onRequest: async (_req, reply) => cors(reply),
      schema: {
        tags,
        description:
          "A visitor's submission of a public web form: only the form's fields, at most 16 KB, 10 per minute per IP.",
        params: PublicKeyParams,
        body: Type.Unknown(),
        response: { 202: PublicSubmitOut, ...errorResponses, 413: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) =>
      reply.status(202).send(
        await svc.submitPublicForm({
          database: app.deps.database,
          key: req.params.key,
          ip: req.ip,
          now: app.deps.now(),
          body: req.body,
        }),
      ),
  );
}
