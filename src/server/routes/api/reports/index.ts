/** Reporting timeliness: who reported on time, late, not at all. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDate } from '../../../../services/inputs.js';
import { lateUnits, timelinessReport } from '../../../../services/reporting.js';
import { actorOf } from '../../../plugins/auth.js';

const asOf = isoDate
  .optional()
  .describe('Evaluate as of this date (YYYY-MM-DD, Vietnam time); default today');

const unitTimeliness = z.object({
  orgUnit: z.string(),
  name: z.string(),
  status: z.enum(['on_time', 'late', 'overdue', 'pending']),
  dueDate: z.string(),
  submittedAt: z.string().nullable(),
  submissionStatus: z.string(),
});

export default async function reports(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/reports/timeliness',
    {
      schema: {
        operationId: 'getTimeliness',
        tags: ['reporting'],
        summary: 'Timeliness and completeness of a form for a period',
        description:
          'status: on_time (first submitted by the due date), late (after it), overdue (due date passed, not submitted), pending (not yet due, not submitted). completeness = submitted ÷ expected.',
        querystring: z.object({
          form: z.string().min(1).max(64),
          period: z.string().min(1).max(16),
          orgUnit: z.string().min(1).max(64).optional(),
          asOf,
        }),
        response: {
          200: z.object({
            form: z.string(),
            period: z.string(),
            dueDate: z.string(),
            expected: z.number(),
            submitted: z.number(),
            onTime: z.number(),
            late: z.number(),
            overdue: z.number(),
            pending: z.number(),
            completeness: z.number(),
            items: z.array(unitTimeliness),
          }),
        },
      },
    },
    async (request) => timelinessReport(app.database, actorOf(request), request.query),
  );

  r.get(
    '/reports/late',
    {
      schema: {
        operationId: 'listLateReports',
        tags: ['reporting'],
        summary: 'Units late or overdue in a period (one form, or every form of that period type)',
        querystring: z.object({
          period: z.string().min(1).max(16),
          form: z.string().min(1).max(64).optional(),
          orgUnit: z.string().min(1).max(64).optional(),
          asOf,
        }),
        response: {
          200: z.object({
            period: z.string(),
            items: z.array(
              unitTimeliness.extend({ form: z.string(), formName: z.string(), daysLate: z.number() }),
            ),
          }),
        },
      },
    },
    async (request) => lateUnits(app.database, actorOf(request), request.query),
  );
}
