import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams, ListOf } from '../../lib/schemas.ts';
import { CustomerOut } from './customers.schema.ts';
import { PoolListQuery, PoolSettingsSchema, ReleaseBody } from './pool.schema.ts';
import {
  claimCustomer,
  getPoolSettings,
  listPool,
  putPoolSettings,
  releaseCustomer,
} from './pool.service.ts';

/** The public pool (公海): its rules, its customers, claiming and releasing. */
export async function customerPoolRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customer-pool'];

  r.get(
    '/api/v1/customer-pool/settings',
    { schema: { tags, response: { 200: PoolSettingsSchema, ...errorResponses } } },
    async (req) => getPoolSettings(ctxOf(req)),
  );
  r.put(
    '/api/v1/customer-pool/settings',
    { schema: { tags, body: PoolSettingsSchema, response: { 200: PoolSettingsSchema, ...errorResponses } } },
    async (req) => putPoolSettings(ctxOf(req), req.body),
  );
  r.get(
    '/api/v1/customer-pool',
    {
      schema: {
        tags,
        description: 'Customers without an owner, visible to everyone who may read the pool.',
        querystring: PoolListQuery,
        response: { 200: ListOf(CustomerOut), ...errorResponses },
      },
    },
    async (req) => listPool(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/customers/:id/claim',
    {
      schema: {
        tags,
        description:
          'Take a customer from the pool. Refusals: POOL_NOT_CONFIGURED, NOT_IN_POOL, CAP_REACHED, COOL_DOWN.',
        params: IdParams,
        response: { 200: CustomerOut, ...errorResponses },
      },
    },
    async (req) => claimCustomer(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/customers/:id/release',
    {
      schema: {
        tags,
        description: 'Put a customer back in the pool (its owner, or a manager over it).',
        params: IdParams,
        body: ReleaseBody,
        response: { 200: CustomerOut, ...errorResponses },
      },
    },
    async (req) => releaseCustomer(ctxOf(req), req.params.id, req.body.reason),
  );
}
