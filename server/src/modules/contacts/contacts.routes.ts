import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  ContactCreate,
  ContactListQuery,
  ContactOut,
  ContactPatch,
  CustomerContactsQuery,
  RevealBody,
  RevealOut,
} from './contacts.schema.ts';
import * as svc from './contacts.service.ts';

export async function contactsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['contacts'];

  r.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        querystring: ContactListQuery,
        response: { 200: ListOf(ContactOut), ...errorResponses },
      },
    },
    async (req) => svc.listContacts(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/customers/:id/contacts',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: CustomerContactsQuery,
        response: { 200: ListOf(ContactOut), ...errorResponses },
      },
    },
    async (req) => svc.listCustomerContacts(ctxOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/v1/contacts',
    { schema: { tags, body: ContactCreate, response: { 201: ContactOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createContact(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/contacts/:id',
    { schema: { tags, params: IdParams, response: { 200: ContactOut, ...errorResponses } } },
    async (req) => svc.getContact(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: ContactPatch,
        response: { 200: ContactOut, ...errorResponses },
      },
    },
    async (req) => svc.updateContact(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/contacts/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteContact(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/contacts/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: ContactOut, ...errorResponses } } },
    async (req) => svc.restoreContact(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/contacts/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.contactHistory(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/contacts/:id/reveal',
    { schema: { tags, params: IdParams, body: RevealBody, response: { 200: RevealOut, ...errorResponses } } },
    async (req) => svc.revealContactField(ctxOf(req), req.params.id, req.body.field),
  );
}
