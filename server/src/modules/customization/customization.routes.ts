import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams } from '../../lib/schemas.ts';
import {
  CustomFieldCreate,
  CustomFieldListQuery,
  CustomFieldOut,
  CustomFieldPatch,
  DictionaryItemCreate,
  DictionaryItemOut,
  DictionaryItemParams,
  DictionaryItemPatch,
  DictionaryListOut,
  DictionaryParams,
} from './customization.schema.ts';
import * as svc from './customization.service.ts';

export async function customizationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const fieldTags = ['custom fields'];
  const dictTags = ['dictionaries'];

  r.get(
    '/api/v1/custom-fields',
    {
      schema: {
        tags: fieldTags,
        querystring: CustomFieldListQuery,
        response: { 200: Type.Object({ items: Type.Array(CustomFieldOut) }), ...errorResponses },
      },
    },
    async (req) => svc.listCustomFields(ctxOf(req), req.query.entity),
  );
  r.post(
    '/api/v1/custom-fields',
    {
      schema: {
        tags: fieldTags,
        body: CustomFieldCreate,
        response: { 201: CustomFieldOut, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCustomField(ctxOf(req), req.body)),
  );
  r.patch(
    '/api/v1/custom-fields/:id',
    {
      schema: {
        tags: fieldTags,
        params: IdParams,
        body: CustomFieldPatch,
        response: { 200: CustomFieldOut, ...errorResponses },
      },
    },
    async (req) => svc.updateCustomField(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/custom-fields/:id',
    { schema: { tags: fieldTags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteCustomField(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/dictionaries',
    { schema: { tags: dictTags, response: { 200: DictionaryListOut, ...errorResponses } } },
    async (req) => svc.listDictionaries(ctxOf(req)),
  );
  r.get(
    '/api/v1/dictionaries/:dictionary/items',
    {
      schema: {
        tags: dictTags,
        params: DictionaryParams,
        response: { 200: Type.Object({ items: Type.Array(DictionaryItemOut) }), ...errorResponses },
      },
    },
    async (req) => svc.listDictionaryItems(ctxOf(req), req.params.dictionary),
  );
  r.post(
    '/api/v1/dictionaries/:dictionary/items',
    {
      schema: {
        tags: dictTags,
        params: DictionaryParams,
        body: DictionaryItemCreate,
        response: { 201: DictionaryItemOut, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.createDictionaryItem(ctxOf(req), req.params.dictionary, req.body)),
  );
  r.patch(
    '/api/v1/dictionaries/:dictionary/items/:id',
    {
      schema: {
        tags: dictTags,
        params: DictionaryItemParams,
        body: DictionaryItemPatch,
        response: { 200: DictionaryItemOut, ...errorResponses },
      },
    },
    async (req) => svc.updateDictionaryItem(ctxOf(req), req.params.dictionary, req.params.id, req.body),
  );
  r.delete(
    '/api/v1/dictionaries/:dictionary/items/:id',
    {
      schema: {
        tags: dictTags,
        params: DictionaryItemParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await svc.deleteDictionaryItem(ctxOf(req), req.params.dictionary, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
