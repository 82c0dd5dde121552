import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, HistorySchema, IdParams, ListOf } from '../../lib/schemas.ts';
import { CatalogOut, RoleCreate, RoleListQuery, RoleOut, RolePatch } from './roles.schema.ts';
import * as svc from './roles.service.ts';
import { refreshSessionEpoch } from '../auth/index.ts';

export async function rolesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['roles'];
  const base = '/api/v1/roles';

  r.get(
    '/api/v1/permissions/catalog',
    { schema: { tags, response: { 200: CatalogOut, ...errorResponses } } },
    async (req) => svc.permissionCatalog(ctxOf(req)),
  );
  r.get(
    base,
    { schema: { tags, querystring: RoleListQuery, response: { 200: ListOf(RoleOut), ...errorResponses } } },
    async (req) => svc.listRoles(ctxOf(req), req.query),
  );
  r.post(
    base,
    { schema: { tags, body: RoleCreate, response: { 201: RoleOut, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await svc.createRole(ctxOf(req), req.body)),
  );
  r.get(
    `${base}/:id`,
    { schema: { tags, params: IdParams, response: { 200: RoleOut, ...errorResponses } } },
    async (req) => svc.getRole(ctxOf(req), req.params.id),
  );
  r.patch(
    `${base}/:id`,
    { schema: { tags, params: IdParams, body: RolePatch, response: { 200: RoleOut, ...errorResponses } } },
    async (req) => {
      const role = await svc.updateRole(ctxOf(req), req.params.id, req.body);
      // Holders of the role must sign in again — except the person who just edited it.
      if (req.session) await refreshSessionEpoch(app.deps.database.db, req.session.id);
      return role;
    },
  );
  r.delete(
    `${base}/:id`,
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (req, reply) => {
      await svc.deleteRole(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    `${base}/:id/restore`,
    { schema: { tags, params: IdParams, response: { 200: RoleOut, ...errorResponses } } },
    async (req) => svc.restoreRole(ctxOf(req), req.params.id),
  );
  r.get(
    `${base}/:id/history`,
    { schema: { tags, params: IdParams, response: { 200: HistorySchema, ...errorResponses } } },
    async (req) => svc.roleHistory(ctxOf(req), req.params.id),
  );
}
