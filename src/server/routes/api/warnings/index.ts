/** Early warnings (cảnh báo): targets behind, tasks late or due soon, units without data. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../services/inputs.js';
import { warnings } from '../../../../services/plans.js';
import { actorOf } from '../../../plugins/auth.js';
import { langOf } from '../../helpers.js';

const warningShape = z.object({
  type: z.enum([
    'target_at_risk',
    'target_off_track',
    'target_overdue',
    'task_overdue',
    'task_due_soon',
    'missing_data',
  ]),
  severity: z.enum(['high', 'medium', 'low']),
  message: z.string(),
  plan: z.string(),
  target: z.number().nullable(),
  task: z.number().nullable(),
  indicator: z.string().nullable(),
  orgUnit: z.string(),
  orgUnitName: z.string(),
  leadUnit: z.string().nullable(),
  status: z.string().nullable(),
  pace: z.number().nullable(),
  period: z.string().nullable(),
  dueDate: z.string().nullable(),
  daysLeft: z.number().nullable(),
  remindAt: z.number().nullable(),
  reported: z.number().nullable(),
  expected: z.number().nullable(),
});

export default async function warningRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/warnings',
    {
      schema: {
        operationId: 'listWarnings',
        tags: ['plans'],
        summary:
          "Warnings in the user's scope: targets at risk, off track or overdue; tasks overdue or due in 7/3/1 days; units without data for a target's latest period",
        querystring: z.object({
          asOf: isoDate.optional(),
          plan: z.string().max(64).optional(),
        }),
        response: {
          200: z.object({
            asOf: z.string(),
            counts: z.record(z.string(), z.number()),
            items: z.array(warningShape),
          }),
        },
      },
    },
    async (request) => warnings(app.database, actorOf(request), langOf(request), request.query),
  );
}
