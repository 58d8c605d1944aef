/** The audit trail (admins). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../../../access/index.js';
import { forbidden } from '../../../../errors.js';
import { searchAudit } from '../../../../repositories/audit.js';
import { isoDate, isoDateOrDateTime } from '../../../../services/inputs.js';
import { actorOf } from '../../../plugins/auth.js';

export default async function audit(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary: 'Every write, newest first (admins)',
        querystring: z.object({
          user: z.string().max(100).optional(),
          entity: z.string().max(100).optional(),
          key: z.string().max(200).optional(),
          from: isoDateOrDateTime.optional().describe('YYYY-MM-DD or an ISO date-time with offset'),
          to: isoDate.optional().describe('YYYY-MM-DD (inclusive)'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                at: z.string(),
                user: z.string().nullable(),
                ip: z.string().nullable(),
                action: z.string(),
                entity: z.string(),
                key: z.string().nullable(),
                before: z.unknown().meta({ description: 'The record before (JSON), null for a creation' }),
                after: z.unknown().meta({ description: 'The record after (JSON), null for a deletion' }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.isAdmin(actor)) throw forbidden();
      const r = await searchAudit(app.database, request.query);
      return {
        total: r.total,
        items: r.items.map((i) => ({
          at: new Date(i.at).toISOString(),
          user: i.username,
          ip: i.ip,
          action: i.action,
          entity: i.entity,
          key: i.key,
          before: i.before,
          after: i.after,
        })),
      };
    },
  );
}
