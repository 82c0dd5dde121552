import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses, IdParams, ListOf } from '../../lib/schemas.ts';
import {
  NotificationListQuery,
  NotificationOut,
  ReadAllOut,
  UnreadCountOut,
} from './notifications.schema.ts';
import * as svc from './notifications.service.ts';

/** The caller's own in-app notices; nobody sees another person's. */
export async function notificationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        description: "The caller's notifications, newest first; ?unread=true for unread ones only.",
        querystring: NotificationListQuery,
        response: { 200: ListOf(NotificationOut), ...errorResponses },
      },
    },
    async (req) => svc.listNotifications(ctxOf(req), req.query),
  );
  r.get(
    '/api/v1/notifications/unread-count',
    { schema: { tags, response: { 200: UnreadCountOut, ...errorResponses } } },
    async (req) => svc.unreadCount(ctxOf(req)),
  );
  r.post(
    '/api/v1/notifications/:id/read',
    { schema: { tags, params: IdParams, response: { 200: NotificationOut, ...errorResponses } } },
    async (req) => svc.readNotification(ctxOf(req), req.params.id),
  );
  r.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, response: { 200: ReadAllOut, ...errorResponses } } },
    async (req) => svc.readAllNotifications(ctxOf(req)),
  );
}
