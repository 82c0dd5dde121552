import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  MarketStatCreate,
  MarketStatListQuery,
  MarketStatOut,
  MarketStatPatch,
  PotentialOut,
  PotentialQuery,
} from './market.schema.ts';
import * as svc from './market.service.ts';

export async function marketRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['marketStats'];

  r.get(
    '/api/v1/market-stats',
    {
      schema: {
        tags,
        description:
          'Yearly import statistics per region and product category. Filters region, category, year.',
        querystring: MarketStatListQuery,
        response: { 200: ListOf(MarketStatOut), ...errorResponses },
      },
    },
    async (req) => svc.listMarketStats(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/market-stats',
    { schema: { tags, body: MarketStatCreate, response: { 201: MarketStatOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createMarketStat(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/market-stats/potential',
    {
      schema: {
        tags,
        description:
          "Per region: the category's import values of the three years up to toYear, growth and CAGR, and our customers and leads there (caller's data scope).",
        querystring: PotentialQuery,
        response: { 200: PotentialOut, ...errorResponses },
      },
    },
    async (req) => svc.marketPotential(ctxOf(req), req.query),
  );
  r.patch(
    '/api/v1/market-stats/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: MarketStatPatch,
        response: { 200: MarketStatOut, ...errorResponses },
      },
    },
    async (req) => svc.updateMarketStat(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/market-stats/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteMarketStat(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
