/** POST /api/plans/:code/take-over: a successor unit takes a merged unit's plan over (units over time). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { takeOverPlan } from '../../../../services/plans/takeover.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';
import { planCodeParams } from './schema.js';

const takeOverBody = z.object({
  orgUnit: z.string().min(1).max(64).describe('The successor unit (valid today) that takes the plan over'),
});

const takenTarget = z.object({
  id: z.number(),
  indicator: z.string(),
  moved: z.boolean(),
  orgUnit: z.string(),
  level: z.number().nullable(),
  leadUnit: z.string().nullable(),
  baseline: z.object({
    value: z.number().nullable(),
    period: z.string(),
    estimated: z.boolean(),
    recomputed: z.boolean().describe('Read again from the data, in the new geography'),
  }),
  notes: z
    .array(z.string())
    .describe(
      'ended_before_break (a target whose deadline passed before the restructuring stays where it was set), no_single_successor, level_not_found, lead_unit_closed, baseline_estimated, baseline_not_computable',
    ),
});

export const takeOverResponse = z.object({
  plan: z.string(),
  from: z.string(),
  orgUnit: z.string(),
  geography: z.string().describe('The date whose units the baselines were recomputed in'),
  targets: z.array(takenTarget),
});

export function registerTakeOver(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/plans/:code/take-over',
    {
      schema: {
        operationId: 'takeOverPlan',
        tags: ['plans'],
        summary:
          "Take a merged unit's plan over: scope, targets and lead units move to the successor; baselines are recomputed in the new geography",
        params: planCodeParams,
        body: takeOverBody,
        response: { 200: takeOverResponse },
      },
    },
    async (request) =>
      takeOverPlan(app.database, actorOf(request), request.params.code, request.body, ipOf(request)),
  );
}
