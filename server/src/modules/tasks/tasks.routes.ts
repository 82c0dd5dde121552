import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import { TaskCreate, TaskListQuery, TaskOut, TaskPatch } from './tasks.schema.ts';
import * as svc from './tasks.service.ts';

export async function tasksRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tasks'];

  r.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        description:
          "Tasks within the caller's data scope (applied to the assignee). view=mine|overdue|today|week; dueFrom/dueTo for a calendar.",
        querystring: TaskListQuery,
        response: { 200: ListOf(TaskOut), ...errorResponses },
      },
    },
    async (req) => svc.listTasks(ctxOf(req), req.query),
  );
  r.post(
    '/api/v1/tasks',
    { schema: { tags, body: TaskCreate, response: { 201: TaskOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createTask(ctxOf(req), req.body)),
  );
  r.get(
    '/api/v1/tasks/:id',
    { schema: { tags, params: IdParams, response: { 200: TaskOut, ...errorResponses } } },
    async (req) => svc.getTask(ctxOf(req), req.params.id),
  );
  r.patch(
    '/api/v1/tasks/:id',
    { schema: { tags, params: IdParams, body: TaskPatch, response: { 200: TaskOut, ...errorResponses } } },
    async (req) => svc.updateTask(ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/tasks/:id',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteTask(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/api/v1/tasks/:id/restore',
    { schema: { tags, params: IdParams, response: { 200: TaskOut, ...errorResponses } } },
    async (req) => svc.restoreTask(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/tasks/:id/complete',
    { schema: { tags, params: IdParams, response: { 200: TaskOut, ...errorResponses } } },
    async (req) => svc.setTaskDone(ctxOf(req), req.params.id, true),
  );
  r.post(
    '/api/v1/tasks/:id/reopen',
    { schema: { tags, params: IdParams, response: { 200: TaskOut, ...errorResponses } } },
    async (req) => svc.setTaskDone(ctxOf(req), req.params.id, false),
  );
  r.get(
    '/api/v1/tasks/:id/history',
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.taskHistory(ctxOf(req), req.params.id),
  );
}
