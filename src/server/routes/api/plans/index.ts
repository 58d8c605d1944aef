/** Plans (kế hoạch / đề án): issuing body, document, period covered, scope unit. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPlan,
  deletePlan,
  getPlan,
  listPlans,
  planInput,
  planPatch,
  updatePlan,
} from '../../../../services/plans.js';
import { actorOf } from '../../../plugins/auth.js';
import { withPlanAbilities } from '../../../presenters/abilities.js';
import { ipOf, langOf } from '../../helpers.js';
import extractRoutes from './extract.js';
import { planCodeParams, planShape } from './schema.js';
import { registerTakeOver } from './takeOver.js';

export default async function plans(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerTakeOver(app);
  // POST /plans/extract, with its own body parsers (documents, multipart)
  await app.register(extractRoutes);

  r.get(
    '/plans',
    {
      schema: {
        operationId: 'listPlans',
        tags: ['plans'],
        summary: 'Plans the user can see (scope readable, or covering the unit they work in)',
        response: { 200: z.object({ items: z.array(planShape) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { items: await withPlanAbilities(app.database, actor, await listPlans(app.database, actor)) };
    },
  );

  r.post(
    '/plans',
    {
      schema: {
        operationId: 'createPlan',
        tags: ['plans'],
        summary: 'Create a plan (admin, or secretariat of the scope unit)',
        body: planInput,
        response: { 201: planShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createPlan(app.database, actor, langOf(request), request.body, ipOf(request));
      const [shown] = await withPlanAbilities(app.database, actor, [created]);
      return reply.status(201).send(shown);
    },
  );

  r.get(
    '/plans/:code',
    {
      schema: {
        operationId: 'getPlan',
        tags: ['plans'],
        summary: 'One plan',
        params: planCodeParams,
        response: { 200: planShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [shown] = await withPlanAbilities(app.database, actor, [
        await getPlan(app.database, actor, request.params.code),
      ]);
      return shown;
    },
  );

  r.put(
    '/plans/:code',
    {
      schema: {
        operationId: 'updatePlan',
        tags: ['plans'],
        summary: 'Change a plan (fields given replace the stored ones)',
        params: planCodeParams,
        body: planPatch,
        response: { 200: planShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const updated = await updatePlan(
        app.database,
        actor,
        langOf(request),
        request.params.code,
        request.body,
        ipOf(request),
      );
      const [shown] = await withPlanAbilities(app.database, actor, [updated]);
      return shown;
    },
  );

  r.delete(
    '/plans/:code',
    {
      schema: {
        operationId: 'deletePlan',
        tags: ['plans'],
        summary: 'Delete a plan with its targets and tasks',
        params: planCodeParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePlan(app.database, actorOf(request), request.params.code, ipOf(request));
      return reply.status(204).send(null);
    },
  );
}
