import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  NoteBody,
  OrderCreate,
  OrderEventOut,
  OrderListQuery,
  OrderOut,
  OrderPatch,
  OrderPreview,
  OrderQueueQuery,
  PreviewOut,
  TransitionBody,
} from './orders.schema.ts';
import * as svc from './orders.service.ts';
import { addOrderNote, transitionOrder } from './order-transition.service.ts';

export async function ordersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['orders'];
  const one = { 200: OrderOut, ...errorResponses };
  const timeline = { 200: Type.Object({ items: Type.Array(OrderEventOut) }), ...errorResponses };

  r.get(
    '/api/v1/orders',
    { schema: { tags, querystring: OrderListQuery, response: { 200: ListOf(OrderOut), ...errorResponses } } },
    async (req) => svc.listOrders(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/orders/queue',
    {
      schema: {
        tags,
        description: "Orders waiting for a department's next step (default: the caller's role).",
        querystring: OrderQueueQuery,
        response: { 200: ListOf(OrderOut), ...errorResponses },
      },
    },
    async (req) => svc.orderQueue(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/orders',
    { schema: { tags, body: OrderCreate, response: { 201: OrderOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createOrder(ctxOf(req), req.body)),
  );
  r.post(
    '/api/v1/orders/preview',
    {
      schema: {
        tags,
        description: 'Lines and totals computed as an order would compute them; nothing is saved.',
        body: OrderPreview,
        response: { 200: PreviewOut, ...errorResponses },
      },
    },
    async (req) => svc.previewOrder(ctxOf(req), req.body),
  );
  r.get('/api/v1/orders/:id', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    svc.getOrder(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/orders/:id',
    { schema: { tags, params: IdParams, body: OrderPatch, response: one } },
    async (req) => svc.updateOrder(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/orders/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteOrder(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post('/api/v1/orders/:id/restore', { schema: { tags, params: IdParams, response: one } }, async (req) =>
    svc.restoreOrder(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/orders/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.orderHistory(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/v1/orders/:id/timeline',
    { schema: { tags, params: IdParams, response: timeline } },
    async (req) => svc.orderTimeline(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/orders/:id/transition',
    { schema: { tags, params: IdParams, body: TransitionBody, response: one } },
    async (req) => transitionOrder(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/v1/orders/:id/notes',
    { schema: { tags, params: IdParams, body: NoteBody, response: timeline } },
    async (req) => addOrderNote(ctxOf(req), req.params.id, req.body.note),
  );
}
