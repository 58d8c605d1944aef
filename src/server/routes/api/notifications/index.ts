/**
 * The logged-in person's notifications (thông báo): list, mark read, and their choices of what
 * reaches them in the app and by e-mail. Nobody reads or marks another person's notifications.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../../errors.js';
import * as notifications from '../../../../services/notifications.js';
import { actorOf } from '../../../plugins/auth.js';
import { langOf } from '../../helpers.js';
import { idParams, listQuery, listResponse, preferencesPatch, preferencesShape } from './schema.js';

export default async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'listNotifications',
        summary: 'Your notifications, newest first, with the unread count',
        querystring: listQuery,
        response: { 200: listResponse },
      },
    },
    async (request) =>
      notifications.listNotifications(app.database, actorOf(request).id, langOf(request), {
        unreadOnly: request.query.unread,
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );
  r.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'markNotificationRead',
        summary: 'Mark one of your notifications read',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      if (!(await notifications.markRead(app.database, actorOf(request).id, request.params.id)))
        throw notFound('word.notification', String(request.params.id));
      return { ok: true as const };
    },
  );
  r.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'markAllNotificationsRead',
        summary: 'Mark all your notifications read',
        response: { 200: z.object({ updated: z.number().int() }) },
      },
    },
    async (request) => ({ updated: await notifications.markAllRead(app.database, actorOf(request).id) }),
  );
  r.get(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'getNotificationPreferences',
        summary: 'What reaches you, per kind: in the app and by e-mail',
        response: { 200: preferencesShape },
      },
    },
    async (request) => notifications.preferences(app.database, actorOf(request).id),
  );
  r.put(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        operationId: 'setNotificationPreferences',
        summary: 'Change what reaches you (kinds left out keep their choice)',
        body: preferencesPatch,
        response: { 200: preferencesShape },
      },
    },
    async (request) => notifications.setPreferences(app.database, actorOf(request).id, request.body),
  );
}
