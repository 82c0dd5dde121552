import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { can } from '../access/index.ts';
import { usersVisibleTo } from '../users/index.ts';
import { forbidden } from '../../lib/errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/paging.ts';
import { DateTime, errorResponses, FieldChangeSchema, ListOf, Nullable, Uuid } from '../../lib/schemas.ts';
import { listAudit, maskChanges } from './audit.service.ts';

const AuditOut = Type.Object({
  id: Uuid,
  at: DateTime,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  actorKind: Type.String(),
  apiKeyId: Nullable(Uuid),
  ip: Nullable(Type.String()),
  entity: Type.String(),
  entityId: Nullable(Uuid),
  action: Type.String(),
  changes: Type.Array(FieldChangeSchema),
});

const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Uuid),
    actorId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ maxLength: 50 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: ListOf(AuditOut), ...errorResponses },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      if (!can(ctx.actor, 'auditLog', 'read')) throw forbidden('auditLog', 'read');
      const q = req.query;
      const limit = q.limit ?? 50;
      const cursor = decodeCursor(q.cursor);
      return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
        const { items, total } = await listAudit(tx, {
          orgId: ctx.actor.orgId,
          // A department manager reads the log of their department's people, not everyone's.
          visibleUsers: usersVisibleTo(ctx.actor),
          entity: q.entity,
          entityId: q.entityId,
          actorId: q.actorId,
          action: q.action,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          cursor: cursor ? { at: new Date(String(cursor.v)), id: cursor.id } : undefined,
          limit,
        });
        const page = items.slice(0, limit);
        const last = page[page.length - 1];
        return {
          items: page.map((e) => ({ ...e, changes: maskChanges(ctx.actor, e.entity, e.changes) })),
          total,
          nextCursor:
            items.length > limit && last ? encodeCursor({ v: last.at.toISOString(), id: last.id }) : null,
        };
      });
    },
  );
}
