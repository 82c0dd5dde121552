import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  CustomerCreate,
  CustomerListQuery,
  CustomerOut,
  CustomerPatch,
  DuplicateOut,
  DuplicateQuery,
  MergeBody,
  OwnerHistoryOut,
  RevealBody,
  RevealOut,
  TransferBody,
  TransferOut,
} from './customers.schema.ts';
import * as read from './customers.service.ts';
import * as write from './customer-write.service.ts';
import { mergeCustomers, transferCustomers } from './customer-ownership.service.ts';
import { checkDuplicates } from './customer-duplicates.service.ts';
import { BulkBody, BulkOut } from './customer-bulk.schema.ts';
import { bulkCustomers } from './customer-bulk.service.ts';

export async function customersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];

  r.get(
    '/api/v1/customers',
    {
      schema: {
        tags,
        querystring: CustomerListQuery,
        response: { 200: ListOf(CustomerOut), ...errorResponses },
      },
    },
    async (req) => read.listCustomers(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/customers/duplicates',
    {
      schema: {
        tags,
        description:
          'Who already has a customer with this name, credit code, phone or email — also outside your data scope.',
        querystring: DuplicateQuery,
        response: { 200: Type.Object({ items: Type.Array(DuplicateOut) }), ...errorResponses },
      },
    },
    async (req) => checkDuplicates(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/customers',
    { schema: { tags, body: CustomerCreate, response: { 201: CustomerOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await write.createCustomer(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/customers/transfer',
    { schema: { tags, body: TransferBody, response: { 200: TransferOut, ...errorResponses } } },
    async (req) => transferCustomers(ctxOf(req), req.body),
  );
  r.post(
    '/api/v1/customers/bulk',
    {
      schema: {
        tags,
        description:
          'One action on up to 1000 customers; each customer is its own transaction, refusals are listed in failed.',
        body: BulkBody,
        response: { 200: BulkOut, ...errorResponses },
      },
    },
    async (req) => bulkCustomers(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/customers/:id',
    { schema: { tags, params: IdParams, response: { 200: CustomerOut, ...errorResponses } } },
    async (req) => read.getCustomer(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: CustomerPatch,
        response: { 200: CustomerOut, ...errorResponses },
      },
    },
    async (req) => write.updateCustomer(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/customers/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await write.deleteCustomer(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/customers/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: CustomerOut, ...errorResponses } } },
    async (req) => write.restoreCustomer(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/customers/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => read.customerHistory(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/customers/:id/owners',
    { schema: { tags, params: IdParams, response: { 200: OwnerHistoryOut, ...errorResponses } } },
    async (req) => read.customerOwnerHistory(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/customers/:id/merge',
    {
      schema: { tags, params: IdParams, body: MergeBody, response: { 200: CustomerOut, ...errorResponses } },
    },
    async (req) => mergeCustomers(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/customers/:id/reveal',
    { schema: { tags, params: IdParams, body: RevealBody, response: { 200: RevealOut, ...errorResponses } } },
    async (req) => read.revealCustomerField(ctxOf(req), req.params.id, req.body.field),
  );
}
