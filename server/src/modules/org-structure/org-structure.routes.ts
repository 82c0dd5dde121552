import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, ErrorSchema, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  DepartmentCreate,
  DepartmentListQuery,
  DepartmentOut,
  DepartmentPatch,
  TeamCreate,
  TeamListQuery,
  TeamOut,
  TeamPatch,
} from './org-structure.schema.ts';
import * as svc from './org-structure.service.ts';

export async function orgStructureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  {
    const tags = ['departments'];
    const base = '/api/v1/departments';
    r.get(
      base,
      {
        schema: {
          tags,
          querystring: DepartmentListQuery,
          response: { 200: ListOf(DepartmentOut), ...errorResponses },
        },
      },
      async (req) => svc.listDepartments(ctxOf(req), req.query),
    );
    r.post(
      base,
      { schema: { tags, body: DepartmentCreate, response: { 201: DepartmentOut, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await svc.createDepartment(ctxOf(req), req.body)),
    );
    r.get(
      `${base}/:id`,
      { schema: { tags, params: IdParams, response: { 200: DepartmentOut, ...errorResponses } } },
      async (req) => svc.getDepartment(ctxOf(req), req.params.id),
    );
    r.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          params: IdParams,
          body: DepartmentPatch,
          response: { 200: DepartmentOut, ...errorResponses, 422: ErrorSchema },
        },
      },
      async (req) => svc.updateDepartment(ctxOf(req), req.params.id, req.body),
    );
    r.delete(
      `${base}/:id`,
      { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (req, reply) => {
        await svc.deleteDepartment(ctxOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.post(
      `${base}/:id/restore`,
      { schema: { tags, params: IdParams, response: { 200: DepartmentOut, ...errorResponses } } },
      async (req) => svc.restoreDepartment(ctxOf(req), req.params.id),
    );
    r.get(
      `${base}/:id/history`,
      { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
      async (req) => svc.departmentHistory(ctxOf(req), req.params.id),
    );
  }

  {
    const tags = ['teams'];
    const base = '/api/v1/teams';
    r.get(
      base,
      { schema: { tags, querystring: TeamListQuery, response: { 200: ListOf(TeamOut), ...errorResponses } } },
      async (req) => svc.listTeams(ctxOf(req), req.query),
    );
    r.post(
      base,
      { schema: { tags, body: TeamCreate, response: { 201: TeamOut, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await svc.createTeam(ctxOf(req), req.body)),
    );
    r.get(
      `${base}/:id`,
      { schema: { tags, params: IdParams, response: { 200: TeamOut, ...errorResponses } } },
      async (req) => svc.getTeam(ctxOf(req), req.params.id),
    );
    r.patch(
      `${base}/:id`,
      { schema: { tags, params: IdParams, body: TeamPatch, response: { 200: TeamOut, ...errorResponses } } },
      async (req) => svc.updateTeam(ctxOf(req), req.params.id, req.body),
    );
    r.delete(
      `${base}/:id`,
      { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (req, reply) => {
        await svc.deleteTeam(ctxOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    r.post(
      `${base}/:id/restore`,
      { schema: { tags, params: IdParams, response: { 200: TeamOut, ...errorResponses } } },
      async (req) => svc.restoreTeam(ctxOf(req), req.params.id),
    );
    r.get(
      `${base}/:id/history`,
      { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
      async (req) => svc.teamHistory(ctxOf(req), req.params.id),
    );
  }
}
